//! itam-rbac against its peers: casbin-rs, Cedar and a hand-written HashMap check.
//!
//! 1. Generates a fixed-seed set of 10,000 requests (`requests.rs`).
//! 2. Builds every implementation's data up front (users, roles, tasks, requests).
//! 3. Agreement: every implementation must decide every request as `itam_rbac::can`
//!    does; the disagreements are printed and any at all fails the run.
//! 4. Allocations per decision, counted by the global allocator over one pass.
//! 5. Timing: interleaved rounds, each implementation timing whole passes over the
//!    set in a rotated order; the median over rounds of ns per decision.
//!
//! Run: `cargo run --release --manifest-path benches/peers/Cargo.toml`

mod alloc_count;
mod casbin_peer;
mod cedar_peer;
mod handwritten;
mod requests;
mod spec;

use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use itam_rbac::{can, Action, Roles, Subject, Task};

use crate::casbin_peer::CasbinPeer;
use crate::cedar_peer::CedarPeer;
use crate::handwritten::HandWritten;
use crate::requests::{Request, COUNT};

#[global_allocator]
static GLOBAL: alloc_count::Counting = alloc_count::Counting;

/// Timing rounds; each round times every implementation once, in a rotated order.
const ROUNDS: usize = 15;
/// Each timed sample repeats the pass until it lasts about this long, so the fast
/// implementations are not measured at the timer's resolution.
const SAMPLE_TARGET: Duration = Duration::from_millis(20);

/// One implementation's decision for request `i` of the set.
trait Decide {
    fn decide(&self, i: usize) -> bool;
}

/// itam-rbac, with its subjects and tasks built up front as a host would keep them.
struct Crate {
    requests: Vec<(Subject<u64>, Action, Task<u64>)>,
}

impl Crate {
    fn new(requests: &[Request]) -> Self {
        let requests = requests
            .iter()
            .map(|r| {
                let granted = r.granted.iter().fold(Roles::empty(), |s, g| s | g.bit());
                let subject = Subject::new(r.user as u64, granted);
                let mut task = Task::new(r.kind, r.state);
                if let Some(a) = r.assignee {
                    task = task.assigned_to(a as u64);
                }
                (subject, r.action, task)
            })
            .collect();
        Crate { requests }
    }
}

impl Decide for Crate {
    #[inline]
    fn decide(&self, i: usize) -> bool {
        let (subject, action, task) = &self.requests[i];
        can(subject, *action, task)
    }
}

impl Decide for HandWritten {
    #[inline]
    fn decide(&self, i: usize) -> bool {
        HandWritten::decide(self, i)
    }
}

impl Decide for CasbinPeer {
    #[inline]
    fn decide(&self, i: usize) -> bool {
        CasbinPeer::decide(self, i)
    }
}

impl Decide for CedarPeer {
    #[inline]
    fn decide(&self, i: usize) -> bool {
        CedarPeer::decide(self, i)
    }
}

/// One pass over the whole set; returns the number allowed (so nothing is elided).
fn pass<P: Decide>(peer: &P) -> u32 {
    let mut allowed = 0;
    for i in 0..COUNT {
        allowed += u32::from(peer.decide(black_box(i)));
    }
    allowed
}

fn describe(r: &Request) -> String {
    let roles: Vec<&str> = r.granted.iter().map(|g| g.name()).collect();
    let assignee = match r.assignee {
        Some(a) if a == r.user => "the requester".to_owned(),
        Some(a) => format!("u{a}"),
        None => "nobody".to_owned(),
    };
    format!(
        "u{} [{}] {} {} task ({}), assigned to {}",
        r.user,
        roles.join(", "),
        r.action.name(),
        r.kind.name(),
        r.state.name(),
        assignee
    )
}

fn main() -> ExitCode {
    let started = Instant::now();
    let set = requests::generate();

    let t = Instant::now();
    let krate = Crate::new(&set);
    let hand = HandWritten::new(&set);
    let casbin = match CasbinPeer::new(&set) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("casbin setup failed: {e}");
            return ExitCode::FAILURE;
        }
    };
    let cedar = match CedarPeer::new(&set) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("cedar setup failed: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "{COUNT} requests (seed {:#x}); every implementation's data built in {:.2?}",
        requests::SEED,
        t.elapsed()
    );

    // ---- agreement ----------------------------------------------------------
    let expected: Vec<bool> = (0..COUNT).map(|i| krate.decide(i)).collect();
    let allowed = expected.iter().filter(|a| **a).count();
    println!(
        "itam_rbac::can allows {allowed} and denies {} of them",
        COUNT - allowed
    );
    for action in Action::ALL {
        let (n, yes) = set
            .iter()
            .zip(&expected)
            .filter(|(r, _)| r.action == *action)
            .fold((0, 0), |(n, yes), (_, a)| (n + 1, yes + usize::from(*a)));
        println!("  {:<7} {n:>5} requests, {yes:>5} allowed", action.name());
    }
    println!();
    println!("Agreement with itam_rbac::can:");
    let mut disagreements_total = 0;
    let peers: [(&str, &dyn Fn(usize) -> bool); 3] = [
        ("hand-written HashMap", &|i| hand.decide(i)),
        ("casbin-rs", &|i| casbin.decide(i)),
        ("cedar-policy", &|i| cedar.decide(i)),
    ];
    for (name, decide) in peers {
        let mismatches: Vec<usize> = (0..COUNT).filter(|&i| decide(i) != expected[i]).collect();
        println!("  {name:<21} {} disagreements", mismatches.len());
        for &i in mismatches.iter().take(5) {
            println!(
                "    #{i}: itam-rbac {} / {name} {}: {}",
                if expected[i] { "allows" } else { "denies" },
                if expected[i] { "denies" } else { "allows" },
                describe(&set[i])
            );
            if name == "casbin-rs" {
                if let Some(e) = casbin.error(i) {
                    println!("      casbin error: {e}");
                }
            }
            if name == "cedar-policy" {
                for e in cedar.errors(i) {
                    println!("      cedar error: {e}");
                }
            }
        }
        disagreements_total += mismatches.len();
    }
    if disagreements_total != 0 {
        eprintln!("FAIL: {disagreements_total} disagreements; no timing done");
        return ExitCode::FAILURE;
    }

    // ---- allocations and timing --------------------------------------------
    type Pass<'a> = Box<dyn Fn() -> u32 + 'a>;
    let impls: Vec<(&str, Pass<'_>)> = vec![
        ("itam-rbac `can`", Box::new(|| pass(&krate))),
        ("hand-written HashMap", Box::new(|| pass(&hand))),
        ("casbin-rs", Box::new(|| pass(&casbin))),
        ("cedar-policy", Box::new(|| pass(&cedar))),
    ];
    let allocs: Vec<f64> = impls
        .iter()
        .map(|(_, f)| alloc_count::count(f).1 as f64 / COUNT as f64)
        .collect();
    // Warm-up passes; the fastest of three sets how many passes make one sample.
    let reps: Vec<u32> = impls
        .iter()
        .map(|(_, f)| {
            let once = (0..3)
                .map(|_| {
                    let t = Instant::now();
                    black_box(f());
                    t.elapsed()
                })
                .min()
                .unwrap_or(SAMPLE_TARGET)
                .max(Duration::from_nanos(1));
            (SAMPLE_TARGET.as_nanos() / once.as_nanos()).clamp(1, 100_000) as u32
        })
        .collect();
    let load_before = loadavg();
    let mut samples: Vec<Vec<f64>> = vec![Vec::with_capacity(ROUNDS); impls.len()];
    for round in 0..ROUNDS {
        for k in 0..impls.len() {
            let which = (k + round) % impls.len();
            let f = &impls[which].1;
            let n = reps[which];
            let t = Instant::now();
            for _ in 0..n {
                black_box(f());
            }
            let ns = t.elapsed().as_nanos() as f64 / (f64::from(n) * COUNT as f64);
            samples[which].push(ns);
        }
    }
    let load_after = loadavg();
    let medians: Vec<f64> = samples.iter_mut().map(|s| median(s)).collect();

    println!();
    println!(
        "Median over {ROUNDS} interleaved rounds; one sample = whole passes over the {COUNT} requests \
         (passes per sample: {})",
        reps.iter()
            .map(|r| r.to_string())
            .collect::<Vec<_>>()
            .join(" / ")
    );
    println!();
    println!("| implementation | median ns/decision | ratio to itam-rbac | allocations/decision |");
    println!("|---|---:|---:|---:|");
    for (i, (name, _)) in impls.iter().enumerate() {
        println!(
            "| {name} | {} | {} | {} |",
            fmt_ns(medians[i]),
            if i == 0 {
                "1×".to_owned()
            } else {
                format!("{:.0}×", medians[i] / medians[0])
            },
            fmt_allocs(allocs[i])
        );
    }
    println!();
    let ratio = |i: usize| medians[i] / medians[0];
    println!(
        "Goal (>= 1000× casbin-rs and Cedar, >= 20× hand-written): casbin {:.0}× {}, cedar {:.0}× {}, hand-written {:.0}× {}",
        ratio(2),
        verdict(ratio(2) >= 1000.0),
        ratio(3),
        verdict(ratio(3) >= 1000.0),
        ratio(1),
        verdict(ratio(1) >= 20.0),
    );
    println!();
    println!("Machine: {}", machine());
    println!("Load average (1/5/15 min) before timing: {load_before}; after: {load_after}");
    println!("Date (UTC): {}", today());
    println!("Versions: {}", versions());
    println!("Total run time: {:.1?}", started.elapsed());
    ExitCode::SUCCESS
}

fn verdict(met: bool) -> &'static str {
    if met {
        "(met)"
    } else {
        "(NOT met)"
    }
}

fn median(samples: &mut [f64]) -> f64 {
    samples.sort_by(f64::total_cmp);
    let n = samples.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        samples[n / 2]
    } else {
        (samples[n / 2 - 1] + samples[n / 2]) / 2.0
    }
}

fn fmt_ns(ns: f64) -> String {
    if ns < 10.0 {
        format!("{ns:.2}")
    } else if ns < 1000.0 {
        format!("{ns:.1}")
    } else {
        format!("{ns:.0}")
    }
}

fn fmt_allocs(a: f64) -> String {
    if a == a.trunc() {
        format!("{a:.0}")
    } else {
        format!("{a:.2}")
    }
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_owned())
}

fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    format!(
        "{cpu}, {cores} cores available ({} {})",
        std::env::consts::OS,
        std::env::consts::ARCH
    )
}

/// The versions of the peers and of rustc, from the lock file and the toolchain.
fn versions() -> String {
    let lock = include_str!("../Cargo.lock");
    let version = |name: &str| {
        let needle = format!("name = \"{name}\"\nversion = \"");
        lock.find(&needle)
            .map(|at| {
                let rest = &lock[at + needle.len()..];
                rest[..rest.find('"').unwrap_or(0)].to_owned()
            })
            .unwrap_or_else(|| "?".to_owned())
    };
    let rustc = std::process::Command::new("rustc")
        .arg("--version")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_owned())
        .unwrap_or_else(|| "rustc ?".to_owned());
    format!(
        "casbin {}, cedar-policy {}, {rustc}",
        version("casbin"),
        version("cedar-policy")
    )
}

/// Today's date, UTC, as YYYY-MM-DD (civil-from-days, H. Hinnant).
fn today() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}
