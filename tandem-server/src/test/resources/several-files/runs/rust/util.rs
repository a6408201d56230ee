pub fn says() -> &'static str {
    "sibling says"
}

pub fn twice(n: i32) -> i32 {
    n * 2
}
