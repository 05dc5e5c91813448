// expect-error: E0499
// Two mutable borrows of one Vec alive at once: the second is refused.

pub fn move_one_point(scores: &mut Vec<u32>) {
    let loser = &mut scores[0];
    let winner = &mut scores[1];
    *loser -= 1;
    *winner += 1;
}
