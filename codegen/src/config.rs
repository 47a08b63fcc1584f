//! The generator as a library, for `cargo run -p codegen` and for build scripts.

use crate::diagnostics::Diagnostics;
use crate::emit::{self, Layout};
use crate::write::{self, Drift, GeneratedFile};
use std::fmt;
use std::path::PathBuf;

/// What can stop generation.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The spec is not valid.
    Spec(Diagnostics),
    /// Reading or writing the output failed.
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The error.
        error: std::io::Error,
    },
    /// The generator produced code that does not parse (a generator bug).
    Internal(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Spec(diagnostics) => write!(f, "{diagnostics}"),
            Error::Io { path, error } => write!(f, "{}: {error}", path.display()),
            Error::Internal(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {}

/// Generator settings; like `prost_build::Config`.
///
/// From a build script (with `vod-runtime` and `serde` as dependencies of the crate):
///
/// ```no_run
/// // build.rs
/// let out_dir = std::env::var_os("OUT_DIR").unwrap();
/// println!("cargo:rerun-if-changed=spec");
/// codegen::Config::new()
///     .spec_dir("spec")
///     .out_dir(out_dir)
///     .layout(codegen::Layout::SingleFile)
///     .generate()
///     .unwrap();
/// // src/lib.rs: include!(concat!(env!("OUT_DIR"), "/<crate_name>.rs"));
/// ```
#[derive(Clone, Debug)]
pub struct Config {
    spec_dir: PathBuf,
    out_dir: PathBuf,
    layout: Layout,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            spec_dir: PathBuf::from("spec"),
            out_dir: PathBuf::from("generated"),
            layout: Layout::Crate,
        }
    }
}

impl Config {
    /// Spec in `./spec`, output to `./generated` as a crate.
    pub fn new() -> Self {
        Self::default()
    }

    /// The spec directory (with `product.yaml`, `enums.yaml`, `errors.yaml`, `actions/`).
    pub fn spec_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.spec_dir = dir.into();
        self
    }

    /// Where the files go.
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = dir.into();
        self
    }

    /// How the files are laid out.
    pub fn layout(mut self, layout: Layout) -> Self {
        self.layout = layout;
        self
    }

    /// The generated files, in memory, in a fixed order.
    ///
    /// # Errors
    ///
    /// [`Error::Spec`] with every problem of an invalid spec.
    pub fn render(&self) -> Result<Vec<GeneratedFile>, Error> {
        let api = crate::load(&self.spec_dir).map_err(Error::Spec)?;
        let spec_name = self
            .spec_dir
            .file_name()
            .map_or_else(|| "spec".into(), |name| name.to_string_lossy());
        emit::emit(&api, self.layout, &spec_name)
            .iter()
            .map(|unit| {
                crate::format::format(unit)
                    .map(|contents| GeneratedFile {
                        path: PathBuf::from(&unit.path),
                        contents,
                    })
                    .map_err(Error::Internal)
            })
            .collect()
    }

    /// Generates and writes the files that changed (removing stale generated ones); returns the
    /// paths written or removed, relative to the output directory.
    ///
    /// # Errors
    ///
    /// An invalid spec, or a file that cannot be written.
    pub fn generate(&self) -> Result<Vec<PathBuf>, Error> {
        let files = self.render()?;
        write::write(&self.out_dir, &files).map_err(|error| Error::Io {
            path: self.out_dir.clone(),
            error,
        })
    }

    /// Generates in memory and compares with the output directory: empty when up to date.
    ///
    /// # Errors
    ///
    /// An invalid spec.
    pub fn check(&self) -> Result<Vec<Drift>, Error> {
        let files = self.render()?;
        Ok(write::check(&self.out_dir, &files))
    }
}
