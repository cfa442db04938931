//! A backup run in three steps: load its context ([`context`]), plan it without I/O
//! ([`plan`]), and execute the plan ([`execute`]: scripts around [`transfer`], which
//! ends in [`publish`]).

pub mod context;
pub mod execute;
pub mod plan;
pub mod publish;
#[cfg(test)]
mod tests;
pub mod transfer;

pub use context::{JobContext, Limits};
pub use plan::{plan, BackupPlan};

use crate::db::runs::{RunOutcome, RunRow};
use crate::engine::phases::Phase;
use crate::engine::runner::{Engine, Stop};

impl Engine {
    /// Runs a claimed backup run: load → plan → execute.
    pub(in crate::engine) async fn backup(&self, run: &RunRow) -> Result<RunOutcome, Stop> {
        let ctx = self.load_job(run).await?;
        let plan = plan(&ctx)?;
        self.phase(run.id, Phase::Preflight);
        self.execute_backup(run, &ctx, &plan).await
    }
}
