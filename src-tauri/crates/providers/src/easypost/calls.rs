//! The endpoint methods of `Client`, one per API call of the seed that
//! Postdesk uses. Ids come from outside (the provider's answers, the
//! database): every one is percent-encoded into its path segment.

use super::client::{Client, Identified};
use super::wire::{
    DownloadUrl, Health, Job, Page, PeppolDocument, PeppolQuery, SendingEvent,
    SingleFileJobRequest, Usage, Workflow,
};
use crate::error::{ErrorKind, ProviderError};
use reqwest::{header, Method};

/// Largest file `download` reads (ePod, submission report, Peppol document).
pub const MAX_DOWNLOAD_BYTES: u64 = 50 * 1024 * 1024;

/// One path segment: unreserved characters as they are, every other byte
/// `%XX` (so `/`, `?`, `#`, `..` cannot leave the segment).
pub fn segment(id: &str) -> String {
    id.bytes()
        .map(|b| match b {
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

impl Identified for Workflow {
    fn id(&self) -> &str {
        &self.id
    }
}
impl Identified for Job {
    fn id(&self) -> &str {
        &self.id
    }
}
impl Identified for SendingEvent {
    fn id(&self) -> &str {
        &self.id
    }
}
impl Identified for PeppolDocument {
    fn id(&self) -> &str {
        &self.id
    }
}

impl Client {
    /// `GET /health`, without the key. Up when 2xx; a JSON body whose
    /// `status` is not `ok` (any case) is a temporary problem. A body that is
    /// not our `Health` is tolerated (the seed gives no schema).
    pub async fn health(&self) -> Result<(), ProviderError> {
        let resp = self
            .anonymous(Method::GET, "/health")
            .send()
            .await
            .map_err(|e| super::tls::mark_refused(super::http::from_reqwest(e)))?;
        if !resp.status().is_success() {
            return Err(super::http::from_response(resp, super::http::Origin::Api).await);
        }
        let status = resp.status().as_u16();
        let body = crate::http::read_body(resp, crate::http::MAX_ERROR_BODY).await?;
        match serde_json::from_slice::<Health>(&body) {
            Ok(h) if !h.status.trim().eq_ignore_ascii_case("ok") => Err(ProviderError::new(
                ErrorKind::Transient,
                format!("the service reports its health as {:?}", h.status),
            )
            .with_status(status)),
            _ => Ok(()),
        }
    }

    /// `GET /workflows`, every page.
    pub async fn workflows(&self) -> Result<Vec<Workflow>, ProviderError> {
        self.all_pages("/workflows", &[]).await
    }

    /// `GET /workflows/{id}`.
    pub async fn workflow(&self, id: &str) -> Result<Workflow, ProviderError> {
        self.call(self.request(Method::GET, &format!("/workflows/{}", segment(id))))
            .await
    }

    /// `POST /jobs/single-file` → the job, `AWAITING_FOR_FILE`, with its
    /// `fileUploadUrl` (the seed: deleted after 2 hours without a file).
    pub async fn create_single_file_job(
        &self,
        body: &SingleFileJobRequest,
    ) -> Result<Job, ProviderError> {
        self.call(self.request(Method::POST, "/jobs/single-file").json(body))
            .await
    }

    /// `GET /jobs/{id}`.
    pub async fn job(&self, id: &str) -> Result<Job, ProviderError> {
        self.call(self.request(Method::GET, &format!("/jobs/{}", segment(id))))
            .await
    }

    /// `GET /jobs?externalReference=…`, every page: our letter's jobs.
    /// Filtered again here to that reference exactly (a server ignoring the
    /// filter must not hand us other letters' jobs).
    pub async fn jobs_by_reference(
        &self,
        external_reference: &str,
    ) -> Result<Vec<Job>, ProviderError> {
        let all: Vec<Job> = self
            .all_pages("/jobs", &[("externalReference", external_reference)])
            .await?;
        Ok(all
            .into_iter()
            .filter(|j| j.external_reference.as_deref() == Some(external_reference))
            .collect())
    }

    /// `PUT <fileUploadUrl>` with the PDF (`Content-Type: application/pdf`),
    /// without the key (the pre-signed URL may be on another host). Its
    /// timeout grows with the letter. A 409 `JOB_NOT_AWAITING_FILE` means a
    /// file is there already; a 403 the URL expired (`UPLOAD_URL_EXPIRED`).
    pub async fn upload(&self, url: &str, pdf: &[u8]) -> Result<(), ProviderError> {
        let req = self
            .pre_signed(Method::PUT, url)?
            .header(header::CONTENT_TYPE, "application/pdf")
            .body(pdf.to_vec())
            .timeout(crate::http::upload_timeout(self.timeout(), pdf.len()));
        self.call_pre_signed(req).await.map(drop)
    }

    /// `GET /sending-events?jobId=…`, every page.
    pub async fn sending_events(&self, job_id: &str) -> Result<Vec<SendingEvent>, ProviderError> {
        self.all_pages("/sending-events", &[("jobId", job_id)])
            .await
    }

    /// `GET /sending-events/{id}`.
    pub async fn sending_event(&self, id: &str) -> Result<SendingEvent, ProviderError> {
        self.call(self.request(Method::GET, &format!("/sending-events/{}", segment(id))))
            .await
    }

    /// `POST /sending-events/{id}/resend` → the new sending event. Only for
    /// an event in a final state that is not itself a re-send (409 otherwise).
    pub async fn resend(&self, event_id: &str) -> Result<SendingEvent, ProviderError> {
        let path = format!("/sending-events/{}/resend", segment(event_id));
        self.call(self.request(Method::POST, &path)).await
    }

    /// `GET /sending-events/{id}/files/{fileReference}/download-url`
    /// (`wire::file_reference`: `EPOD`, `SUBMISSION_REPORT`).
    pub async fn file_download_url(
        &self,
        event_id: &str,
        file_reference: &str,
    ) -> Result<DownloadUrl, ProviderError> {
        let path = format!(
            "/sending-events/{}/files/{}/download-url",
            segment(event_id),
            segment(file_reference)
        );
        self.call(self.request(Method::GET, &path)).await
    }

    /// `GET /peppol-incoming-documents`: one page (the caller passes
    /// `query.after` = the last id it has for the next one).
    pub async fn peppol_documents(
        &self,
        query: &PeppolQuery,
    ) -> Result<Page<PeppolDocument>, ProviderError> {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        let fields = [
            ("sortField", &query.sort_field),
            ("sortOrder", &query.sort_order),
            ("from", &query.from),
            ("until", &query.until),
        ];
        for (name, value) in fields.iter() {
            if let Some(v) = value {
                pairs.push((name, v.as_str()));
            }
        }
        self.page("/peppol-incoming-documents", &pairs, query.after.as_deref())
            .await
    }

    /// `GET /peppol-incoming-documents/sender/{senderId}/document/{id}`.
    pub async fn peppol_document(
        &self,
        sender_id: &str,
        id: &str,
    ) -> Result<PeppolDocument, ProviderError> {
        self.call(self.request(Method::GET, &peppol_path(sender_id, id)))
            .await
    }

    /// `GET …/sender/{senderId}/document/{id}/download-url` (valid 10 minutes).
    pub async fn peppol_download_url(
        &self,
        sender_id: &str,
        id: &str,
    ) -> Result<DownloadUrl, ProviderError> {
        let path = format!("{}/download-url", peppol_path(sender_id, id));
        self.call(self.request(Method::GET, &path)).await
    }

    /// `GET /usage?from=&until=` (dates `YYYY-MM-DD`, our choice).
    pub async fn usage(&self, from: &str, until: &str) -> Result<Usage, ProviderError> {
        let req = self
            .request(Method::GET, "/usage")
            .query(&[("from", from), ("until", until)]);
        self.call(req).await
    }

    /// `GET <url>` of a pre-signed download URL, without the key; at most
    /// `MAX_DOWNLOAD_BYTES`.
    pub async fn download(&self, url: &str) -> Result<Vec<u8>, ProviderError> {
        let req = self.pre_signed(Method::GET, url)?;
        let resp = self.call_pre_signed(req).await?;
        crate::http::read_body(resp, MAX_DOWNLOAD_BYTES).await
    }
}

fn peppol_path(sender_id: &str, id: &str) -> String {
    format!(
        "/peppol-incoming-documents/sender/{}/document/{}",
        segment(sender_id),
        segment(id)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_escaped_in_paths() {
        assert_eq!(segment("job_01J0"), "job_01J0");
        assert_eq!(segment("a/../b?c#d"), "a%2F..%2Fb%3Fc%23d");
        assert_eq!(segment("é x"), "%C3%A9%20x");
        assert_eq!(
            peppol_path("0208:0403170701", "pd 1"),
            "/peppol-incoming-documents/sender/0208%3A0403170701/document/pd%201"
        );
    }
}
