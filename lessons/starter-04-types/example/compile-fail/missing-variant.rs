// expect-error: E0004
// A variant was added to the enum; one `match` was not updated.

pub enum JobState {
    Queued,
    Running { worker: u32 },
    Done { exit_code: i32 },
    Cancelled,
}

pub fn describe(state: &JobState) -> String {
    match state {
        JobState::Queued => "waiting".to_string(),
        JobState::Running { worker } => format!("on worker {worker}"),
        JobState::Done { exit_code } => format!("exit code {exit_code}"),
    }
}
