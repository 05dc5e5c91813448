//! The accelerator's work: parse a batch of order lines and summarise it.
//!
//! A batch is text, one order per line, each line ending in `\n` (the last
//! one may lack it):
//!
//! ```text
//! order_id,qty,unit_cents[,discount_pct]
//! ```
//!
//! `order_id` is any non-empty text without a comma; `qty` is a whole number
//! from 1 to 10,000, `unit_cents` from 0 to 10,000,000 and `discount_pct`,
//! when present, from 0 to 100. A line's amount is `qty * unit_cents` less
//! the discount, rounded down to the cent: `gross - gross * pct / 100`. With
//! these bounds nothing overflows an i64: a 1 MiB batch holds at most
//! 174,763 lines (6 bytes each), each worth at most 10^11 cents.
//!
//! The Go program has the same parser (fallback.go): the same summary and
//! the same message for every bad batch. This one has a bug, on purpose: see
//! `line_cents`.

/// The largest batch one call takes.
pub const MAX_BATCH_BYTES: usize = 1 << 20;
/// The largest `qty` of a line.
pub const MAX_QTY: i64 = 10_000;
/// The largest `unit_cents` of a line.
pub const MAX_UNIT_CENTS: i64 = 10_000_000;

/// What a batch adds up to. The median is the lower one: with an even count
/// of lines, the smaller of the two middle amounts. An empty batch is all 0.
/// `#[repr(C)]`: Rust writes it to Go's `osum_summary` (rust.go).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub records: u64,
    pub total_cents: i64,
    pub max_cents: i64,
    pub median_cents: i64,
}

/// Why a batch was refused, as a sentence that names the line: the caller's
/// data is wrong, and the same batch will be refused again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError(pub String);

/// Summarises `batch`, calling `counted` with each line's amount as soon as
/// the line is parsed (the caller keeps running counts with it). `amounts`
/// is scratch space, cleared first, that the caller reuses from batch to
/// batch so that a call allocates nothing once it has grown.
pub fn summarize(batch: &[u8], amounts: &mut Vec<i64>, mut counted: impl FnMut(i64)) -> Result<Summary, InputError> {
    if batch.len() > MAX_BATCH_BYTES {
        return Err(InputError(format!(
            "the batch has {} bytes, more than the {MAX_BATCH_BYTES} one call takes",
            batch.len()
        )));
    }
    amounts.clear();
    let body = batch.strip_suffix(b"\n").unwrap_or(batch);
    if !body.is_empty() {
        for (i, line) in body.split(|&b| b == b'\n').enumerate() {
            let cents = line_cents(line).map_err(|what| InputError(format!("line {}: {what}", i + 1)))?;
            amounts.push(cents);
            counted(cents);
        }
    }
    let total_cents = amounts.iter().sum();
    let max_cents = amounts.iter().copied().max().unwrap_or(0);
    let median_cents = match amounts.len() {
        0 => 0,
        n => *amounts.select_nth_unstable((n - 1) / 2).1,
    };
    Ok(Summary { records: amounts.len() as u64, total_cents, max_cents, median_cents })
}

/// The amount of one line, in cents.
fn line_cents(line: &[u8]) -> Result<i64, String> {
    if line.is_empty() {
        return Err("empty line".to_string());
    }
    let mut fields: [&[u8]; 4] = [&[]; 4];
    let mut n = 0;
    for field in line.split(|&b| b == b',') {
        if n == fields.len() {
            return Err(format!("more than {} fields (order_id,qty,unit_cents[,discount_pct])", fields.len()));
        }
        fields[n] = field;
        n += 1;
    }
    if n < 3 {
        return Err(format!("{n} fields, expected 3 or 4 (order_id,qty,unit_cents[,discount_pct])"));
    }
    if fields[0].is_empty() {
        return Err("empty order_id".to_string());
    }
    let qty = number(fields[1], "qty", 1, MAX_QTY)?;
    let unit_cents = number(fields[2], "unit_cents", 0, MAX_UNIT_CENTS)?;
    let gross = qty * unit_cents;
    let pct = if n == 4 {
        // THE BUG, left in on purpose for lesson 04: the fourth field is
        // fields[3]. fields[n] is one past the end of the array, so every
        // line with a discount panics ("index out of bounds: the len is 4
        // but the index is 4"). No test had a discount; the Go parser in
        // fallback.go reads fields[3].
        number(fields[n], "discount_pct", 0, 100)?
    } else {
        0
    };
    Ok(gross - gross * pct / 100)
}

/// A field holding a whole number from `min` to `max` (digits only).
fn number(field: &[u8], name: &str, min: i64, max: i64) -> Result<i64, String> {
    // 12 digits at most, so the value fits an i64 before the range check.
    // The field is quoted with escape_ascii: printable ASCII as it is, any
    // other byte as \xNN (or \t, \r, \\, \', \"), so that a message is
    // always text whatever the batch holds.
    if field.is_empty() || field.len() > 12 || !field.iter().all(u8::is_ascii_digit) {
        return Err(format!("{name} \"{}\" is not a whole number", field.escape_ascii()));
    }
    let value = field.iter().fold(0i64, |v, &d| v * 10 + i64::from(d - b'0'));
    if value < min || value > max {
        return Err(format!("{name} {value} is not between {min} and {max}"));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sum(batch: &str) -> Result<Summary, InputError> {
        summarize(batch.as_bytes(), &mut Vec::new(), |_| {})
    }

    fn refused(batch: &str) -> String {
        sum(batch).expect_err("the batch should be refused").0
    }

    #[test]
    fn a_batch_adds_up() {
        let s = sum("a,2,150\nb,1,999\nc,3,10\nd,1,400\n").unwrap();
        assert_eq!(s, Summary { records: 4, total_cents: 300 + 999 + 30 + 400, max_cents: 999, median_cents: 300 });
    }

    #[test]
    fn the_last_newline_is_optional_and_an_empty_batch_is_zero() {
        assert_eq!(sum("a,1,5").unwrap(), sum("a,1,5\n").unwrap());
        assert_eq!(sum("").unwrap(), Summary::default());
        assert_eq!(sum("\n").unwrap(), Summary::default());
    }

    #[test]
    fn bad_lines_are_named() {
        assert_eq!(refused("a,1,5\n\nb,1,5\n"), "line 2: empty line");
        assert_eq!(refused("a,1\n"), "line 1: 2 fields, expected 3 or 4 (order_id,qty,unit_cents[,discount_pct])");
        assert_eq!(refused("a,1,2,3,4\n"), "line 1: more than 4 fields (order_id,qty,unit_cents[,discount_pct])");
        assert_eq!(refused(",1,5\n"), "line 1: empty order_id");
        assert_eq!(refused("a,1,5\na,7x,5\n"), "line 2: qty \"7x\" is not a whole number");
        assert_eq!(refused("a,0,5\n"), "line 1: qty 0 is not between 1 and 10000");
        assert_eq!(refused("a,1,10000001\n"), "line 1: unit_cents 10000001 is not between 0 and 10000000");
        assert_eq!(refused("a,1,-5\n"), "line 1: unit_cents \"-5\" is not a whole number");
        assert_eq!(refused("a,1,\u{e9}\"\t\n"), "line 1: unit_cents \"\\xc3\\xa9\\\"\\t\" is not a whole number");
        let big = "a,1,1\n".repeat(MAX_BATCH_BYTES / 6 + 1);
        assert_eq!(refused(&big), format!("the batch has {} bytes, more than the 1048576 one call takes", big.len()));
    }

    #[test]
    fn the_counts_follow_the_lines_as_they_are_parsed() {
        let mut seen = Vec::new();
        let err = summarize(b"a,1,5\nb,2,5\nc,x,5\n", &mut Vec::new(), |c| seen.push(c)).unwrap_err();
        assert_eq!(err.0, "line 3: qty \"x\" is not a whole number");
        assert_eq!(seen, [5, 10], "the two good lines were counted before the bad one was read");
    }

    #[test]
    #[should_panic(expected = "index out of bounds: the len is 4 but the index is 4")]
    fn a_discount_trips_the_bug() {
        let _ = sum("a,1,100\nb,2,100,10\n");
    }
}
