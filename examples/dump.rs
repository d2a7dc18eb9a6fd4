//! Print the structure dump of an article: `cargo run --example dump -- FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: dump FILE");
    match tenor::article::load(std::path::Path::new(&path)) {
        Ok(a) => print!("{}", tenor::article::dump::dump(&a)),
        Err(e) => eprintln!("{e}"),
    }
}
