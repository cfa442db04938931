//! A restore's dry run read back: rsync's itemized output turned into the preview of
//! what the restore would change on the client (pure).

use shared::snapshots::{Change, ChangeAction, EntryKind, RestorePreview};

/// Most changes a preview lists (the counts cover all).
pub const PREVIEW_LIMIT: usize = 1000;

fn kind_of(c: char) -> Option<EntryKind> {
    Some(match c {
        'f' => EntryKind::File,
        'd' => EntryKind::Dir,
        'L' => EntryKind::Symlink,
        'D' => EntryKind::CharDevice,
        'S' => EntryKind::Fifo,
        _ => return None,
    })
}

/// One line of `--out-format=%i|%l|%n%L` output as a change; `None` for unchanged
/// entries and lines that are not itemized (statistics, messages).
pub fn parse_change(line: &str) -> Option<Change> {
    let (item, rest) = line.split_once('|')?;
    let (_, name) = rest.split_once('|')?;
    let path = name
        .split_once(" -> ")
        .or_else(|| name.split_once(" => "))
        .map_or(name, |(n, _)| n)
        .to_owned();
    if item.starts_with("*deleting") {
        return Some(Change {
            action: ChangeAction::Delete,
            kind: None,
            path,
        });
    }
    let mut chars = item.chars();
    let update = chars.next()?;
    let kind = kind_of(chars.next()?);
    let attrs: String = chars.collect();
    if attrs.len() != 9 || !"<>ch.".contains(update) {
        return None;
    }
    let action = if attrs.chars().all(|c| c == '+') {
        ChangeAction::Create
    } else if update != '.' {
        ChangeAction::Overwrite
    } else if attrs.chars().any(|c| c != '.' && c != ' ') {
        ChangeAction::Attributes
    } else {
        return None;
    };
    Some(Change { action, kind, path })
}

/// The preview of a dry run's output.
pub fn preview(destination: &str, output: &str) -> RestorePreview {
    let mut p = RestorePreview {
        destination: destination.to_owned(),
        changes: Vec::new(),
        creates: 0,
        overwrites: 0,
        attributes: 0,
        deletes: 0,
        truncated: false,
        rewritten_permissions: false,
    };
    for c in output.lines().filter_map(parse_change) {
        match c.action {
            ChangeAction::Create => p.creates += 1,
            ChangeAction::Overwrite => p.overwrites += 1,
            ChangeAction::Attributes => p.attributes += 1,
            ChangeAction::Delete => p.deletes += 1,
        }
        if p.changes.len() < PREVIEW_LIMIT {
            p.changes.push(c);
        } else {
            p.truncated = true;
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn itemized_lines_become_changes() {
        let out = "\
cd+++++++++|4096|docs/
<f+++++++++|5|docs/a.txt
<f.st......|9|docs/b.txt
.f...p.....|3|docs/c.txt
.f.........|3|docs/same.txt
cL+++++++++|4|docs/evil -> /etc
hf+++++++++|5|docs/h => docs/a.txt
*deleting  |0|docs/old.txt
.d..t......|4096|docs/sub/
Number of files: 7
";
        let p = preview("/d", out);
        let got: Vec<(ChangeAction, Option<EntryKind>, &str)> = p
            .changes
            .iter()
            .map(|c| (c.action, c.kind, c.path.as_str()))
            .collect();
        use ChangeAction::*;
        use EntryKind::*;
        assert_eq!(
            got,
            vec![
                (Create, Some(Dir), "docs/"),
                (Create, Some(File), "docs/a.txt"),
                (Overwrite, Some(File), "docs/b.txt"),
                (Attributes, Some(File), "docs/c.txt"),
                (Create, Some(Symlink), "docs/evil"),
                (Create, Some(File), "docs/h"),
                (Delete, None, "docs/old.txt"),
                (Attributes, Some(Dir), "docs/sub/"),
            ]
        );
        assert_eq!(
            (p.creates, p.overwrites, p.attributes, p.deletes),
            (4, 1, 2, 1)
        );
        assert!(!p.truncated);
    }

    #[test]
    fn previews_are_capped_but_counted() {
        let out: String = (0..PREVIEW_LIMIT + 5)
            .map(|i| format!("<f+++++++++|1|f{i}\n"))
            .collect();
        let p = preview("/d", &out);
        assert_eq!(p.changes.len(), PREVIEW_LIMIT);
        assert_eq!(p.creates, (PREVIEW_LIMIT + 5) as i64);
        assert!(p.truncated);
    }
}
