//! The objects the form pages edit, as [`Entity`]s: their API calls and validators.

use std::future::Future;

use shared::clients::{Client, ClientInput};
use shared::jobs::{Job, JobInput};
use shared::locations::{Location, LocationInput};
use shared::policies::{Policy, PolicyInput};
use shared::scripts::{Script, ScriptInput};
use shared::settings::{Settings, SettingsInput};
use shared::users::{User, UserInput};
use shared::validate::Issue;

use super::entity_form::Entity;
use crate::api::{catalog, ApiResult};

/// One `impl Entity` over the catalog's `get`, `create` and `update` calls.
macro_rules! catalog_entity {
    ($ty:ty, $input:ty, $base:literal, $name:ident, $get:ident, $create:ident, $update:ident, $validate:expr) => {
        impl Entity for $ty {
            type Input = $input;
            const BASE: &'static str = $base;

            fn id(&self) -> i64 {
                self.id
            }

            fn name(&self) -> String {
                self.$name.clone()
            }

            fn fetch(id: i64) -> impl Future<Output = ApiResult<Self>> {
                catalog::$get(id)
            }

            async fn save(id: Option<i64>, input: $input) -> ApiResult<Self> {
                match id {
                    Some(id) => catalog::$update(id, &input).await,
                    None => catalog::$create(&input).await,
                }
            }

            fn validate(input: &$input, id: Option<i64>) -> Vec<Issue> {
                let check: fn(&$input, Option<i64>) -> Vec<Issue> = $validate;
                check(input, id)
            }
        }
    };
}

catalog_entity!(
    Client,
    ClientInput,
    "/clients",
    name,
    client,
    create_client,
    update_client,
    |i, _| i.validate()
);
catalog_entity!(
    Job,
    JobInput,
    "/jobs",
    name,
    job,
    create_job,
    update_job,
    |i, _| i.validate()
);
catalog_entity!(
    Location,
    LocationInput,
    "/locations",
    name,
    location,
    create_location,
    update_location,
    |i, _| i.validate()
);
catalog_entity!(
    Policy,
    PolicyInput,
    "/policies",
    name,
    policy,
    create_policy,
    update_policy,
    |i, _| i.validate()
);
catalog_entity!(
    User,
    UserInput,
    "/users",
    username,
    user,
    create_user,
    update_user,
    |i, id| i.validate(id.is_none())
);
catalog_entity!(
    Script,
    ScriptInput,
    "/scripts",
    name,
    script,
    create_script,
    update_script,
    |i, id| {
        let mut issues = i.validate();
        // A new script needs its program; an edited one keeps its own without a new upload.
        if id.is_none() && i.content_base64.is_none() {
            issues.push(Issue::new("content_base64", "required"));
        }
        issues
    }
);

/// The settings: one object, always there (the form opens it as id 0 and only updates).
impl Entity for Settings {
    type Input = SettingsInput;
    const BASE: &'static str = "/settings";

    fn id(&self) -> i64 {
        0
    }

    fn name(&self) -> String {
        String::new()
    }

    fn fetch(_id: i64) -> impl Future<Output = ApiResult<Self>> {
        catalog::settings()
    }

    async fn save(_id: Option<i64>, input: SettingsInput) -> ApiResult<Self> {
        catalog::save_settings(&input).await
    }

    fn validate(input: &SettingsInput, _id: Option<i64>) -> Vec<Issue> {
        input.validate()
    }
}
