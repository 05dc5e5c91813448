// expect-error: E0308
// `get` answers "maybe": an Option, which is not the value inside it.

use std::collections::HashMap;

pub fn timeout_ms(config: &HashMap<String, u64>) -> u64 {
    let timeout: u64 = config.get("timeout_ms");
    timeout * 2
}
