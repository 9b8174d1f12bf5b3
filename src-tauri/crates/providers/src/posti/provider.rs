//! `PostiProvider`: the `Provider` of a Posti company. It proves the key and
//! lists its agreements; it hands no letter over (see `mod.rs`: the key does
//! not reach letter printing), and core never calls `submit` because
//! `describe().prints_letters` is false.
use super::client::Client;
use super::wire::{codes, Agreement};
use crate::error::{ErrorKind, ProviderError};
use crate::provider::{
    Channel, Checkpoint, DeliveryStatus, FieldLimit, OutgoingLetter, Provider, ProviderDescription, Steps,
};
use crate::secret::Secret;
use async_trait::async_trait;
use std::time::Duration;

/// What Posti offers through an OmaPosti Pro key.
pub fn describe() -> ProviderDescription {
    ProviderDescription {
        name: "Posti".into(),
        home_country: "FI".into(),
        // Letters are not reachable with this key; the rest describes the
        // address rules Posti's domestic addresses follow, for the preview.
        prints_letters: false,
        registered: vec![],
        registered_domestic_only: true,
        registered_with_duplex: false,
        postage: vec![],
        channels: vec![Channel::Postal],
        color: false,
        duplex: false,
        cover_letter: false,
        can_cancel: false,
        deliveries: false,
        test_mode: false,
        test_result: false,
        account_id: None,
        cost_center: None,
        cost_center_alphanumeric: false,
        reference: None,
        // CHOICE: 35 characters a line, the common Nordic address-label width
        // (Posti publishes no figure in the seed).
        address_line: FieldLimit { min: 1, max: 35 },
        address_lines_domestic: 4,
        address_lines_abroad: 4,
        postal_code: FieldLimit { min: 1, max: 10 },
        // Finnish postal codes have five digits.
        domestic_postal_code_digits: 5,
        city: FieldLimit { min: 1, max: 35 },
        registered_line_max: None,
        min_status_interval_ms: 1000,
    }
}

/// The refusal for anything that would hand a letter over.
fn no_letter_service() -> ProviderError {
    let mut e = ProviderError::new(
        ErrorKind::Rejected,
        "the OmaPosti Pro API key reaches Posti's shipping API (orders for its agreements), not letter printing",
    );
    e.code = Some(codes::NO_LETTER_SERVICE.into());
    e
}

/// The provider of one Posti key.
#[derive(Debug, Clone)]
pub struct PostiProvider {
    client: Client,
}

impl PostiProvider {
    pub fn new(client: Client) -> Self {
        PostiProvider { client }
    }

    /// The agreements the key may order for (Setup's test, with the ids).
    pub async fn agreements(&self) -> Result<Vec<Agreement>, ProviderError> {
        self.client.agreements().await
    }
}

/// A provider for `base_url` and `key`.
pub fn provider(base_url: &str, key: Secret, timeout: Duration) -> Result<PostiProvider, ProviderError> {
    Ok(PostiProvider::new(Client::new(base_url, &key, timeout)?))
}

#[async_trait]
impl Provider for PostiProvider {
    fn describe(&self) -> ProviderDescription {
        describe()
    }

    async fn check_connection(&self) -> Result<(), ProviderError> {
        self.client.agreements().await.map(|_| ())
    }

    async fn submit(
        &self,
        _letter: &OutgoingLetter,
        _pdf: &[u8],
        _steps: &mut Steps,
        _checkpoint: &dyn Checkpoint,
    ) -> Result<String, ProviderError> {
        Err(no_letter_service())
    }

    async fn find(&self, _letter: &OutgoingLetter, _steps: &Steps) -> Result<Option<String>, ProviderError> {
        Ok(None)
    }

    async fn status(&self, _provider_id: &str) -> Result<DeliveryStatus, ProviderError> {
        Err(no_letter_service())
    }
}
