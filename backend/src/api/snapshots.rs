//! `/api/snapshots/{id}`: one snapshot, its directory listings and name searches, the
//! versions of a path across the job's snapshots, and downloads (a file with Range and
//! ETag, a directory as a streamed .tar.gz or .zip).
//!
//! The `path` parameter is read from the raw query string: it is percent-encoded bytes
//! (`Entry::path`), which the usual decoders would lose when they are not UTF-8.

use actix_files::NamedFile;
use actix_web::http::header::{
    Charset, ContentDisposition, DispositionParam, DispositionType, ExtendedValue,
};
use actix_web::{get, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use shared::runs::Snapshot;
use shared::snapshots::{EntryPage, EntrySort, Version};
use shared::ApiError;
use utoipa::IntoParams;

use super::auth_user::AuthUser;
use super::error::ApiResult;
use crate::domain::snapshots::{self, Download};
use crate::domain::PageRequest;
use crate::snapfs::archive::{self, Format};
use crate::snapfs::path::raw_param;
use crate::state::AppState;

/// Query of `GET /api/snapshots/{id}/entries`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EntriesQuery {
    /// The directory, percent-encoded bytes from the snapshot root (`Entry::path`); empty
    /// for the root. `..`, NUL bytes and malformed encodings are refused.
    pub path: Option<String>,
    /// Page number, from 1.
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// Items per page, 1 to 500 (default 20).
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<i64>,
    /// Order: `name`, `size` or `mtime`, descending with a leading `-`; directories first.
    #[param(inline)]
    pub sort: Option<EntrySort>,
    /// Search beneath `path`, at any depth, for names containing this (case-insensitive).
    pub q: Option<String>,
}

/// Query with only a path.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PathQuery {
    /// Percent-encoded bytes from the snapshot root (`Entry::path`).
    pub path: Option<String>,
}

/// Archive format of a directory download.
#[derive(Debug, Clone, Copy, Deserialize, utoipa::ToSchema)]
pub enum ArchiveFormat {
    #[serde(rename = "tar.gz")]
    TarGz,
    #[serde(rename = "zip")]
    Zip,
}

/// Query of `GET /api/snapshots/{id}/download`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DownloadQuery {
    /// Percent-encoded bytes from the snapshot root (`Entry::path`).
    pub path: Option<String>,
    /// For a directory: `tar.gz` (default) or `zip`.
    #[param(inline)]
    pub format: Option<ArchiveFormat>,
}

fn path_of(req: &HttpRequest) -> &str {
    raw_param(req.query_string(), "path").unwrap_or("")
}

/// One snapshot.
#[utoipa::path(
    tag = "snapshots",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Snapshot id")),
    responses(
        (status = 200, description = "The snapshot", body = Snapshot),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such snapshot (or not yours)", body = ApiError),
    )
)]
#[get("/snapshots/{id:\\d+}")]
pub async fn get_snapshot(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<web::Json<Snapshot>> {
    Ok(web::Json(
        snapshots::get(&state.pool, user.actor(), *id).await?,
    ))
}

/// List a directory of a snapshot, or search it by name.
///
/// Entries are described by their own `lstat`: symlinks are shown with their target and
/// never followed; FIFOs, sockets and devices are listed with their type.
#[utoipa::path(
    tag = "snapshots",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Snapshot id"), EntriesQuery),
    responses(
        (status = 200, description = "One page of entries", body = EntryPage),
        (status = 400, description = "Malformed path or query", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such snapshot or directory", body = ApiError),
    )
)]
#[get("/snapshots/{id:\\d+}/entries")]
pub async fn snapshot_entries(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    query: web::Query<EntriesQuery>,
    req: HttpRequest,
) -> ApiResult<web::Json<EntryPage>> {
    let q = query.into_inner();
    let page = snapshots::entries(
        &state.pool,
        user.actor(),
        *id,
        path_of(&req),
        q.sort.unwrap_or_default(),
        q.q,
        PageRequest {
            page: q.page,
            per_page: q.per_page,
        },
    )
    .await?;
    Ok(web::Json(page))
}

/// The versions of a path: its copy in each of the job's snapshots, newest first.
#[utoipa::path(
    tag = "snapshots",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Snapshot id"), PathQuery),
    responses(
        (status = 200, description = "The versions", body = [Version]),
        (status = 400, description = "Malformed path", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such snapshot (or not yours)", body = ApiError),
    )
)]
#[get("/snapshots/{id:\\d+}/versions")]
pub async fn snapshot_versions(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    _query: web::Query<PathQuery>,
    req: HttpRequest,
) -> ApiResult<web::Json<Vec<Version>>> {
    Ok(web::Json(
        snapshots::versions(&state.pool, user.actor(), *id, path_of(&req)).await?,
    ))
}

/// `attachment` with an ASCII fallback name and the exact name in UTF-8 (RFC 6266).
fn attachment(name: &[u8]) -> ContentDisposition {
    let fallback: String = String::from_utf8_lossy(name)
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![
            DispositionParam::Filename(fallback),
            DispositionParam::FilenameExt(ExtendedValue {
                charset: Charset::Ext("UTF-8".into()),
                language_tag: None,
                value: String::from_utf8_lossy(name).into_owned().into_bytes(),
            }),
        ],
    }
}

/// Download a file, or a directory as an archive.
///
/// A file is sent as is (`Range`, `If-Range`, `ETag` supported), always as an attachment
/// of type `application/octet-stream`. A directory is streamed as `.tar.gz` (symlinks as
/// symlinks, owners, modes, nanosecond times, xattrs and ACLs) or `.zip` (zip64); special
/// files are never opened: they are left out and listed in the archive's
/// `README.elkarbackup-skipped.txt`. Symlinks and specials cannot be downloaded alone (409).
#[utoipa::path(
    tag = "snapshots",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Snapshot id"), DownloadQuery),
    responses(
        (status = 200, description = "The file or archive", content_type = "application/octet-stream", body = Vec<u8>),
        (status = 206, description = "Part of the file (Range)", content_type = "application/octet-stream", body = Vec<u8>),
        (status = 400, description = "Malformed path", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such snapshot or path", body = ApiError),
        (status = 409, description = "A symlink or special file", body = ApiError),
    )
)]
#[get("/snapshots/{id:\\d+}/download")]
pub async fn snapshot_download(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    query: web::Query<DownloadQuery>,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    let opened = snapshots::open_download(&state.engine, user.actor(), *id, path_of(&req)).await?;
    Ok(match opened {
        Download::File { file, name } => NamedFile::from_file(file, "download")
            .map_err(super::error::AppError::internal)?
            .set_content_type(actix_web::mime::APPLICATION_OCTET_STREAM)
            .set_content_disposition(attachment(&name))
            .into_response(&req),
        Download::Dir { dir, name } => {
            let (format, ext, mime) = match query.format.unwrap_or(ArchiveFormat::TarGz) {
                ArchiveFormat::TarGz => (Format::TarGz, ".tar.gz", "application/gzip"),
                ArchiveFormat::Zip => (Format::Zip, ".zip", "application/zip"),
            };
            let mut file_name = name.clone();
            file_name.extend_from_slice(ext.as_bytes());
            HttpResponse::Ok()
                .content_type(mime)
                .insert_header(attachment(&file_name))
                .streaming(archive::stream(dir, name, format))
        }
    })
}
