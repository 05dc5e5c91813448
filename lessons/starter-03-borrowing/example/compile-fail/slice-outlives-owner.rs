// expect-error: E0597
// A slice of a String cannot be used after the String is dropped.

pub fn header_name_len() -> usize {
    let name: &str;
    {
        let line = String::from("Host: example.com");
        name = &line[..4];
    }
    name.len()
}
