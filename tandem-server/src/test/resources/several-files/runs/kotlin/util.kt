fun says() = "sibling says"

fun twice(n: Int) = n * 2
