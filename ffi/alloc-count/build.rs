fn main() {
    println!("cargo:rerun-if-changed=c/alloc_count.c");
    cc::Build::new()
        .file("c/alloc_count.c")
        .flag_if_supported("-std=c11")
        .opt_level(2)
        .compile("alloc_count");
}
