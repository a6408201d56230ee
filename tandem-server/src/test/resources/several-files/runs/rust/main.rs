mod util;

fn main() {
    println!("{} {}", util::says(), util::twice(21));
}
