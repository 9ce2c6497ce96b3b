//! One macro for the read-only accessors of the decision and error types: a field
//! read back as it is, the reason of the code table and its audit code.

/// Writes accessors inside an `impl` block, one row each:
///
/// - `/// docs` `field -> Type;` writes `pub const fn field(&self) -> Type`, the
///   field as it is;
/// - `reason from field;` writes `reason()`, the reason of the code table as the
///   field gives it (`self.field.reason()`);
/// - `code;` writes `code()`, the stable audit code of `self.reason()`.
macro_rules! accessors {
    () => {};
    (reason from $from:ident; $($rest:tt)*) => {
        /// The reason of the code table.
        #[must_use]
        pub const fn reason(&self) -> $crate::DenyReason {
            self.$from.reason()
        }

        $crate::accessors::accessors! { $($rest)* }
    };
    (code; $($rest:tt)*) => {
        /// The stable audit code of the reason.
        #[must_use]
        pub const fn code(&self) -> u8 {
            self.reason().code()
        }

        $crate::accessors::accessors! { $($rest)* }
    };
    ($(#[$meta:meta])* $field:ident -> $ty:ty; $($rest:tt)*) => {
        $(#[$meta])*
        #[must_use]
        pub const fn $field(&self) -> $ty {
            self.$field
        }

        $crate::accessors::accessors! { $($rest)* }
    };
}

pub(crate) use accessors;
