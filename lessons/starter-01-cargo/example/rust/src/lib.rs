//! wordcount: counts the words of a text. The crate root: every module of the
//! library is declared here, or in a module declared here.

// src/normalize.rs: private, so only code inside this crate can use it.
mod normalize;

// src/count.rs: public, so users of the library can name `wordcount::count`.
pub mod count;

// The function most callers want, also reachable as `wordcount::top_words`.
pub use count::top_words;
