//! POSIX ACLs: converts the kernel's binary `system.posix_acl_access` /
//! `system.posix_acl_default` xattr values into the text GNU tar stores in its
//! `SCHILY.acl.access` / `SCHILY.acl.default` PAX records (and reads back with
//! `acl_from_text`). Pure functions, no I/O.

use std::fmt::Write as _;

/// Name of the xattr holding a file's or directory's access ACL.
pub(crate) const XATTR_ACCESS: &str = "system.posix_acl_access";
/// Name of the xattr holding a directory's default ACL.
pub(crate) const XATTR_DEFAULT: &str = "system.posix_acl_default";

/// The only version of the binary xattr format the kernel produces.
const VERSION: u32 = 2;

const TAG_USER_OBJ: u16 = 0x01;
const TAG_USER: u16 = 0x02;
const TAG_GROUP_OBJ: u16 = 0x04;
const TAG_GROUP: u16 = 0x08;
const TAG_MASK: u16 = 0x10;
const TAG_OTHER: u16 = 0x20;

/// Converts a binary POSIX ACL xattr value into GNU tar's text form, with
/// numeric ids: one entry per line, each line ending in `\n`, for example
/// `"user::rw-\nuser:4242:r--\ngroup::r-x\nmask::r-x\nother::r--\n"` — exactly
/// what GNU tar 1.34 `--acls --numeric-owner` writes.
///
/// Entries are kept in the kernel's order (which is already the canonical
/// order). Returns `None` when the value is malformed (wrong version, length
/// not a whole number of entries, unknown tag, permission bits beyond `rwx`);
/// the kernel never stores such a value, so the caller may treat it as an error.
pub(crate) fn to_text(value: &[u8]) -> Option<String> {
    let (header, entries) = value.split_first_chunk::<4>()?;
    if u32::from_le_bytes(*header) != VERSION || entries.len() % 8 != 0 {
        return None;
    }
    let mut out = String::with_capacity(entries.len() * 2);
    for entry in entries.chunks_exact(8) {
        let tag = u16::from_le_bytes([entry[0], entry[1]]);
        let perm = u16::from_le_bytes([entry[2], entry[3]]);
        let id = u32::from_le_bytes([entry[4], entry[5], entry[6], entry[7]]);
        if perm & !0o7 != 0 {
            return None;
        }
        let (kind, qualified) = match tag {
            TAG_USER_OBJ => ("user", false),
            TAG_USER => ("user", true),
            TAG_GROUP_OBJ => ("group", false),
            TAG_GROUP => ("group", true),
            TAG_MASK => ("mask", false),
            TAG_OTHER => ("other", false),
            _ => return None,
        };
        out.push_str(kind);
        out.push(':');
        if qualified {
            // Writing into a String cannot fail.
            let _ = write!(out, "{id}");
        }
        out.push(':');
        out.push(if perm & 4 != 0 { 'r' } else { '-' });
        out.push(if perm & 2 != 0 { 'w' } else { '-' });
        out.push(if perm & 1 != 0 { 'x' } else { '-' });
        out.push('\n');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(tag: u16, perm: u16, id: u32) -> Vec<u8> {
        let mut v = tag.to_le_bytes().to_vec();
        v.extend_from_slice(&perm.to_le_bytes());
        v.extend_from_slice(&id.to_le_bytes());
        v
    }

    fn acl(entries: &[(u16, u16, u32)]) -> Vec<u8> {
        let mut v = VERSION.to_le_bytes().to_vec();
        for &(t, p, i) in entries {
            v.extend(entry(t, p, i));
        }
        v
    }

    #[test]
    fn named_user_group_and_mask() {
        let undefined = u32::MAX;
        let v = acl(&[
            (TAG_USER_OBJ, 6, undefined),
            (TAG_USER, 4, 4242),
            (TAG_GROUP_OBJ, 5, undefined),
            (TAG_GROUP, 7, 4243),
            (TAG_MASK, 7, undefined),
            (TAG_OTHER, 0, undefined),
        ]);
        assert_eq!(
            to_text(&v).as_deref(),
            Some("user::rw-\nuser:4242:r--\ngroup::r-x\ngroup:4243:rwx\nmask::rwx\nother::---\n")
        );
    }

    #[test]
    fn matches_gnu_tar_output_for_a_real_value() {
        // `getfattr -e hex -n system.posix_acl_access` of a file after
        // `setfacl -m u:4242:r,g:4243:rw`; GNU tar 1.34 stored the text below.
        let v = acl(&[
            (1, 6, u32::MAX),
            (2, 4, 4242),
            (4, 4, u32::MAX),
            (8, 6, 4243),
            (0x10, 6, u32::MAX),
            (0x20, 4, u32::MAX),
        ]);
        assert_eq!(
            to_text(&v).as_deref(),
            Some("user::rw-\nuser:4242:r--\ngroup::r--\ngroup:4243:rw-\nmask::rw-\nother::r--\n")
        );
    }

    #[test]
    fn empty_acl_is_empty_text() {
        assert_eq!(to_text(&acl(&[])).as_deref(), Some(""));
    }

    #[test]
    fn malformed_values_are_rejected() {
        assert_eq!(to_text(b""), None);
        assert_eq!(to_text(b"\x02\x00\x00"), None);
        // Wrong version.
        assert_eq!(to_text(&[1, 0, 0, 0]), None);
        // Truncated entry.
        let mut v = acl(&[(TAG_USER_OBJ, 6, 0)]);
        v.pop();
        assert_eq!(to_text(&v), None);
        // Unknown tag, and permission bits beyond rwx.
        assert_eq!(to_text(&acl(&[(0x40, 6, 0)])), None);
        assert_eq!(to_text(&acl(&[(TAG_OTHER, 8, 0)])), None);
    }
}
