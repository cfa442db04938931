//! OpenAPI answers that several handlers document alike, written once: those of saving
//! a resource with PUT or PATCH (the same body rules, so the same errors).

use std::collections::BTreeMap;
use std::marker::PhantomData;

use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};
use utoipa::{IntoResponses, ToSchema};

/// A resource written by PUT and PATCH, with the errors of its own that those answer.
pub trait Saved: ToSchema {
    /// (status, description) of each error besides 400 (malformed body), 401 (not signed
    /// in) and 422 (invalid fields), which every save answers.
    const ERRORS: &'static [(u16, &'static str)];
}

/// The answers of PUT and PATCH on a `T`: 200 with the saved `T`, 400, 401, 422 and
/// `T::ERRORS`, each an `ApiError`. Use as `responses(SaveAnswers<T>)`.
pub struct SaveAnswers<T>(PhantomData<T>);

impl<T: Saved> IntoResponses for SaveAnswers<T> {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        let common = [
            (400, "Malformed body"),
            (401, "Not signed in"),
            (422, "Invalid fields"),
        ];
        let mut out: BTreeMap<String, RefOr<Response>> = common
            .iter()
            .chain(T::ERRORS)
            .map(|(status, description)| (status.to_string(), json(description, "ApiError")))
            .collect();
        out.insert("200".to_owned(), json("Saved", &T::name()));
        out
    }
}

/// A JSON answer whose body is the named schema.
fn json(description: &str, schema: &str) -> RefOr<Response> {
    let content = ContentBuilder::new()
        .schema(Some(Ref::from_schema_name(schema)))
        .build();
    ResponseBuilder::new()
        .description(description)
        .content("application/json", content)
        .build()
        .into()
}
