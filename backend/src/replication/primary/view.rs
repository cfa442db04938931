//! The view directory: one symlink per backup location, named by its id, so the gate can
//! find a location's directory from the first component of the path a replica asks for.

use std::path::{Path, PathBuf};

/// Makes `view` hold exactly one symlink per `(id, directory)`, each replaced atomically
/// (a new link beside it, then rename); other entries are removed.
pub fn refresh(view: &Path, locations: &[(i64, PathBuf)]) -> std::io::Result<()> {
    std::fs::create_dir_all(view)?;
    for (id, dir) in locations {
        let target = std::path::absolute(dir)?;
        let link = view.join(id.to_string());
        if std::fs::read_link(&link).is_ok_and(|t| t == target) {
            continue;
        }
        let tmp = view.join(format!(".{id}.tmp"));
        let _ = std::fs::remove_file(&tmp);
        std::os::unix::fs::symlink(&target, &tmp)?;
        std::fs::rename(&tmp, &link)?;
    }
    let keep: Vec<String> = locations.iter().map(|(id, _)| id.to_string()).collect();
    for entry in std::fs::read_dir(view)? {
        let entry = entry?;
        let name = entry.file_name();
        if !keep.iter().any(|k| name.to_str() == Some(k)) {
            // Only links and stray temporary links are ever here; never follow one.
            let _ = std::fs::remove_file(entry.path());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_link_per_location() {
        let d = tempfile::tempdir().unwrap();
        let view = d.path().join("view");
        let a = d.path().join("a");
        let b = d.path().join("b");
        refresh(&view, &[(1, a.clone()), (2, b.clone())]).unwrap();
        assert_eq!(std::fs::read_link(view.join("1")).unwrap(), a);
        refresh(&view, &[(2, a.clone())]).unwrap();
        assert!(std::fs::symlink_metadata(view.join("1")).is_err());
        assert_eq!(std::fs::read_link(view.join("2")).unwrap(), a);
        assert_eq!(std::fs::read_dir(&view).unwrap().count(), 1);
    }
}
