//! The article library: the bundled samples (embedded in the binary) and, later, scanned folders
//! with reading state.

/// The bundled sample articles: (file name, contents), embedded so an installed `tenor` has them
/// in any directory.
pub const BUNDLED: &[(&str, &str)] = &[];
