//! A letter's deliveries in the job list, where the provider reports them
//! (`ProviderDescription::deliveries`; EasyPost's sending events): their
//! statuses, their files (proof of delivery, submission report) saved into the
//! data folder, and a re-send. Provider-neutral: the provider maps its own
//! refusals to `postdesk_providers::delivery_codes`.
use std::path::PathBuf;

use postdesk_providers::{delivery_codes, Delivery, DeliveryState, ProviderError};

use crate::app::Postdesk;
use crate::error::{CoreError, RuleCode};
use crate::model::*;

fn rule(code: RuleCode, message: impl Into<String>) -> CoreError {
    CoreError::rule(code, message)
}

/// A refusal of the deliveries' calls in the clerk's terms.
fn delivery_error(e: ProviderError) -> CoreError {
    match e.code.as_deref() {
        Some(delivery_codes::RESEND_NOT_FINAL) => rule(
            RuleCode::ResendNotFinal,
            "This delivery is still on its way: it can be sent again only once it has been posted, delivered or has failed.",
        ),
        Some(delivery_codes::RESEND_OF_RESEND) => {
            rule(RuleCode::ResendOfResend, "This delivery is itself a re-send and cannot be sent again. Send the original again instead.")
        }
        Some(delivery_codes::FILE_NOT_READY) => {
            rule(RuleCode::DeliveryFileNotReady, "The provider has not made this file yet. Try again once the delivery shows it.")
        }
        Some(delivery_codes::NOT_THIS_LETTERS) => rule(RuleCode::DeliveryNotFound, "The provider has no such delivery for this letter."),
        _ => CoreError::Provider(e),
    }
}

impl Postdesk {
    /// The provider's id of a letter the provider has, with its provider, or
    /// the rule that says it has none yet.
    async fn with_provider(&self, id: i64) -> Result<(String, std::sync::Arc<dyn postdesk_providers::Provider>), CoreError> {
        let row = self.store().letter_row(id)?;
        let account = self.store().account(row.letter.account_id)?;
        let provider = self.provider(&account).await?;
        if !provider.describe().deliveries {
            return Err(rule(RuleCode::DeliveriesNotOffered, "This provider does not report deliveries."));
        }
        let pid = row.letter.provider_id.clone().filter(|p| !p.is_empty()).ok_or_else(|| {
            rule(RuleCode::DeliveriesNotYet, "The provider does not have this letter yet, so there is nothing to show.")
        })?;
        Ok((pid, provider))
    }

    /// The letter's deliveries as the provider reports them now.
    pub async fn letter_deliveries(&self, id: i64) -> Result<Vec<Delivery>, CoreError> {
        let (pid, provider) = self.with_provider(id).await?;
        provider.deliveries(&pid).await.map_err(delivery_error)
    }

    /// Re-sends a delivery in a final state (the provider prints, posts and
    /// charges it again); the letter is followed again until the re-send is
    /// final. Returns the deliveries after it.
    pub async fn resend_delivery(&self, id: i64, delivery_id: &str) -> Result<Vec<Delivery>, CoreError> {
        let (pid, provider) = self.with_provider(id).await?;
        let new = provider.resend(&pid, delivery_id).await.map_err(delivery_error)?;
        let to = match new.state {
            DeliveryState::Submitted => LetterState::Submitted,
            DeliveryState::Released => LetterState::Released,
            DeliveryState::Printing => LetterState::Printing,
            DeliveryState::Sent => LetterState::Sent,
            DeliveryState::Failed => LetterState::Failed,
            DeliveryState::Cancelled => LetterState::Cancelled,
            DeliveryState::Accepted => LetterState::Accepted,
        };
        let note = format!("delivery {delivery_id} sent again by the clerk (new delivery {})", new.id);
        let now = time::OffsetDateTime::now_utc().format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
        let l = self.store().transition(
            id,
            to,
            crate::store::Transition {
                provider_status: Some(&new.provider_status),
                note: Some(&note),
                next_poll_at: Some(&now),
                ..Default::default()
            },
        )?;
        self.letter_changed(&l);
        self.letter_deliveries(id).await
    }

    /// Fetches a file of a delivery (proof of delivery, submission report) into
    /// `deliveries/<letter>-<delivery>-<reference>.pdf` in the data folder and
    /// returns its path. Only a PDF is kept.
    pub async fn fetch_delivery_file(&self, id: i64, delivery_id: &str, reference: &str) -> Result<PathBuf, CoreError> {
        let (pid, provider) = self.with_provider(id).await?;
        let bytes = provider.delivery_file(&pid, delivery_id, reference).await.map_err(delivery_error)?;
        if !bytes.starts_with(b"%PDF-") {
            return Err(CoreError::Invalid("The provider's file is not a PDF.".into()));
        }
        let safe = |s: &str| crate::paths::safe_name_part(s, 80);
        let name = format!("{id}-{}-{}.pdf", safe(delivery_id), safe(reference));
        crate::paths::save_private(&self.data_dir().join("deliveries"), &name, &bytes)
    }
}
