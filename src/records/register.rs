//! How a record kind registers: [`record_kind!`] in the kind's own file, and the
//! compile-time checks of its machine that it runs.

/// Registers a record kind's state type, once, in its own file: its plural noun,
/// its names and action rules for the generic code, and the compile-time checks
/// of its machine. With a third argument, the [`ActionRules`](super::ActionRules) of a kind whose
/// rules are the same in every state, as its `table_rule` (a `const fn`: the
/// policy fingerprint hashes it while the crate compiles); without, the kind
/// writes its own `table_rule` (the asset, whose editors depend on its status).
macro_rules! record_kind {
    ($state:ty, $plural:literal) => {
        impl super::sealed::Sealed for $state {
            const PLURAL: &'static str = $plural;

            fn name_of(self) -> &'static str {
                self.name()
            }

            fn rule_of(self, action: crate::Action) -> Option<crate::Grant> {
                self.table_rule(action)
            }
        }

        super::check_machine!($state);
    };
    ($state:ty, $plural:literal, $rules:block) => {
        super::record_kind!($state, $plural);

        impl $state {
            /// The table's rule for `action` in this state
            /// ([`RecordState::action_rule`](super::RecordState::action_rule)): the
            /// same in every state of this kind.
            pub(crate) const fn table_rule(self, action: crate::Action) -> Option<crate::Grant> {
                let rules: super::ActionRules = $rules;
                rules.rule(action)
            }
        }
    };
}

pub(crate) use record_kind;

/// The compile-time checks of one record kind's machine (see [`RecordState`](super::RecordState)).
macro_rules! check_machine {
    ($state:ty) => {
        #[expect(
            clippy::indexing_slicing,
            reason = "const evaluation only: a bad index fails the build"
        )]
        const _: () = {
            use $crate::records::RecordState;
            const N: usize = <$state as RecordState>::STATES.len();
            let states = <$state as RecordState>::STATES;
            let edges = <$state as RecordState>::EDGES;
            let events = <$state as RecordState>::EVENTS;
            let terminal = <$state as RecordState>::TERMINAL;
            let initial = <$state as RecordState>::INITIAL;
            let mut i = 0;
            while i < N {
                assert!(states[i] as usize == i, "STATES is every state, in order");
                i += 1;
            }
            let mut i = 0;
            while i < edges.len() {
                let (from, event, _) = edges[i];
                let mut j = i + 1;
                while j < edges.len() {
                    assert!(
                        !(edges[j].0 as usize == from as usize
                            && edges[j].1 as usize == event as usize),
                        "two edges leave a state on the same event"
                    );
                    j += 1;
                }
                let mut t = 0;
                while t < terminal.len() {
                    assert!(
                        terminal[t] as usize != from as usize,
                        "an edge leaves a terminal state"
                    );
                    t += 1;
                }
                let mut granted = false;
                let mut e = 0;
                while e < events.len() {
                    granted |= events[e].0 as usize == event as usize;
                    e += 1;
                }
                assert!(granted, "an event with an edge has no grant");
                i += 1;
            }
            let mut e = 0;
            while e < events.len() {
                let mut used = false;
                let mut k = 0;
                while k < edges.len() {
                    used |= edges[k].1 as usize == events[e].0 as usize;
                    k += 1;
                }
                assert!(used, "a granted event has no edge");
                assert!(
                    !events[e].0.is_approval()
                        || matches!(events[e].1.clause, $crate::Clause::FourEyes),
                    "an approval event without four eyes"
                );
                let mut f = e + 1;
                while f < events.len() {
                    assert!(
                        events[f].0 as usize != events[e].0 as usize,
                        "an event is granted twice"
                    );
                    f += 1;
                }
                e += 1;
            }
            let needs = <$state as RecordState>::NEEDS_DOCUMENT;
            let mut n = 0;
            while n < needs.len() {
                let mut granted = false;
                let mut e = 0;
                while e < events.len() {
                    granted |= events[e].0 as usize == needs[n] as usize;
                    e += 1;
                }
                assert!(granted, "an event that needs the document has no grant");
                n += 1;
            }
            let mut reached = [false; N];
            let mut i = 0;
            while i < initial.len() {
                reached[initial[i] as usize] = true;
                i += 1;
            }
            let mut round = 0;
            while round < N {
                let mut k = 0;
                while k < edges.len() {
                    if reached[edges[k].0 as usize] {
                        reached[edges[k].2 as usize] = true;
                    }
                    k += 1;
                }
                round += 1;
            }
            let mut i = 0;
            while i < N {
                assert!(reached[i], "a state is not reachable from an initial one");
                i += 1;
            }
        };
    };
}

pub(crate) use check_machine;
