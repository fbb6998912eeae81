//! The typed domain: what a transparency zone *is*, once content has been checked.
//!
//! Everything here is published: drafts, embargoed and still-confidential entries are
//! removed while lowering ([`lower`]), before any later stage sees the model, so no
//! output can leak them. Dates are [`NaiveDate`], amounts whole NT$, enums are closed
//! sets with Chinese and English labels ([`vocab`]).

pub mod amount;
pub mod date;
mod lower;
pub mod period;
pub mod slug;
pub mod types;
pub mod vocab;

pub use lower::{Globals, LowerOptions, lower, lower_globals, lower_platform};
pub use types::*;
pub use vocab::*;
