//! Task 3: the lenient caller skips unknown keys and keeps them as warnings,
//! and stops on every other error, exactly as parse_config does.

use config_errors::{Config, ConfigError, parse_config_lenient};

// task: 3
#[test]
fn unknown_keys_become_warnings_with_their_lines() {
    let text = "name = web\ncolour = blue\nworkers = 3\n\ntimeout = 5s\n";
    let (config, warnings) = parse_config_lenient(text).expect("unknown keys are not errors here");
    assert_eq!(config, Config { name: "web".to_string(), workers: 3, port: None });
    assert_eq!(warnings.len(), 2, "one warning per unknown key, got {warnings:?}");
    assert!(
        matches!(&warnings[0], ConfigError::UnknownKey { line: 2, key } if key == "colour"),
        "got {:?}",
        warnings[0]
    );
    assert!(
        matches!(&warnings[1], ConfigError::UnknownKey { line: 5, key } if key == "timeout"),
        "got {:?}",
        warnings[1]
    );
}

// task: 3
#[test]
fn a_clean_config_has_no_warnings() {
    let (config, warnings) = parse_config_lenient("name = web\nworkers = 3\nport = 81\n").expect("a good config");
    assert_eq!(config.port, Some(81));
    assert!(warnings.is_empty(), "got {warnings:?}");
}

// task: 3
#[test]
fn other_errors_still_stop_the_parse() {
    let result = parse_config_lenient("name = web\nshade = dark\nworkers = lots\n");
    assert!(
        matches!(&result, Err(ConfigError::BadNumber { line: 3, key, .. }) if key == "workers"),
        "a bad number is still an error: expected Err(BadNumber {{ line: 3, .. }}), got {result:?}"
    );
    let result = parse_config_lenient("name = web\nworkers: 3\n");
    assert!(
        matches!(result, Err(ConfigError::MissingEquals { line: 2 })),
        "expected Err(MissingEquals {{ line: 2 }}), got {result:?}"
    );
}

// task: 3
#[test]
fn a_missing_key_is_still_an_error_after_warnings() {
    let result = parse_config_lenient("name = web\ncolour = blue\n");
    assert!(
        matches!(result, Err(ConfigError::Missing { key: "workers" })),
        "expected Err(Missing {{ key: \"workers\" }}), got {result:?}"
    );
}
