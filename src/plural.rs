//! Counts in words, for people: "1 section", "2 sections".

/// `n` followed by its noun, singular for 1: `plural(1, "point", "points")` is `"1 point"`,
/// `plural(0, "point", "points")` is `"0 points"`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::plural;

    #[test]
    fn singular_only_for_one() {
        assert_eq!(plural(0, "group", "groups"), "0 groups");
        assert_eq!(plural(1, "group", "groups"), "1 group");
        assert_eq!(plural(2, "match", "matches"), "2 matches");
    }
}
