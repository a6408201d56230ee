fun main() {
    println("${says()} ${twice(21)}")
}
