// expect-error: E0277
// `Celsius` has a method with exactly Display's signature, but no `impl Display for Celsius`.
// In Go that method would be enough; in Rust a type has a trait only where an impl says so.

use std::fmt;

pub struct Celsius(pub f64);

impl Celsius {
    pub fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.1} °C", self.0)
    }
}

pub fn show(reading: Celsius) -> String {
    format!("{reading}")
}
