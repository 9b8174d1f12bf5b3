//! Companies and provider accounts (non-secret settings only).
use rusqlite::{params, OptionalExtension, Row};

use super::Store;
use crate::error::CoreError;
use crate::model::{now_rfc3339, Company, Environment, ProviderKind, ProviderSettings, SendOptions, SendingPrefs};

/// An account as stored: everything but its secrets.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountRow {
    pub id: i64,
    pub company_id: i64,
    pub provider: ProviderKind,
    pub environment: Environment,
    pub prefs: SendingPrefs,
    pub settings: ProviderSettings,
    pub defaults: SendOptions,
    /// None: the sandbox simulator of this process.
    pub base_url: Option<String>,
    pub vendor_id: String,
    pub status_interval_ms: u64,
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("plain data serialises")
}

fn from_json<T: serde::de::DeserializeOwned + Default>(s: &str) -> T {
    // Tolerate settings written by an older version: unknown → defaults.
    serde_json::from_str(s).unwrap_or_default()
}

fn enum_str<T: serde::Serialize>(v: &T) -> String {
    json(v).trim_matches('"').to_string()
}

fn enum_parse<T: serde::de::DeserializeOwned>(s: &str) -> rusqlite::Result<T> {
    serde_json::from_str(&format!("\"{s}\"")).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn company(r: &Row) -> rusqlite::Result<Company> {
    Ok(Company { id: r.get(0)?, name: r.get(1)?, is_sandbox: r.get(2)? })
}

fn account(r: &Row) -> rusqlite::Result<AccountRow> {
    Ok(AccountRow {
        id: r.get(0)?,
        company_id: r.get(1)?,
        provider: enum_parse(&r.get::<_, String>(2)?)?,
        environment: enum_parse(&r.get::<_, String>(3)?)?,
        settings: serde_json::from_str(&r.get::<_, String>(4)?).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(4, rusqlite::types::Type::Text, Box::new(e))
        })?,
        defaults: from_json(&r.get::<_, String>(5)?),
        base_url: r.get(6)?,
        vendor_id: r.get(7)?,
        status_interval_ms: r.get::<_, i64>(8)? as u64,
        prefs: from_json(&r.get::<_, String>(9)?),
    })
}

const ACCOUNT_COLS: &str = "id, company_id, provider, environment, settings_json, defaults_json, \
                            base_url, vendor_id, status_interval_ms, prefs_json";

impl Store {
    pub fn companies(&self) -> Result<Vec<Company>, CoreError> {
        let conn = self.conn();
        let mut st = conn
            .prepare("SELECT id, name, is_sandbox FROM companies ORDER BY is_sandbox DESC, name")
            .map_err(|e| CoreError::store("companies", e))?;
        let rows = st.query_map([], company).map_err(|e| CoreError::store("companies", e))?;
        rows.collect::<Result<_, _>>().map_err(|e| CoreError::store("companies", e))
    }

    pub fn company(&self, id: i64) -> Result<Company, CoreError> {
        self.conn()
            .query_row("SELECT id, name, is_sandbox FROM companies WHERE id = ?1", [id], company)
            .optional()
            .map_err(|e| CoreError::store("company", e))?
            .ok_or(CoreError::NotFound { what: "company", id })
    }

    pub fn company_by_name(&self, name: &str) -> Result<Option<Company>, CoreError> {
        self.conn()
            .query_row(
                "SELECT id, name, is_sandbox FROM companies WHERE name = ?1 COLLATE NOCASE",
                [name],
                company,
            )
            .optional()
            .map_err(|e| CoreError::store("company_by_name", e))
    }

    pub fn insert_company(&self, name: &str, is_sandbox: bool) -> Result<Company, CoreError> {
        let conn = self.conn();
        conn.execute(
            "INSERT INTO companies(name, is_sandbox, created_at) VALUES (?1, ?2, ?3)",
            params![name, is_sandbox, now_rfc3339()],
        )
        .map_err(|e| CoreError::store("insert_company", e))?;
        Ok(Company { id: conn.last_insert_rowid(), name: name.into(), is_sandbox })
    }

    pub fn insert_account(&self, a: &AccountRow) -> Result<AccountRow, CoreError> {
        let conn = self.conn();
        conn.execute(
            "INSERT INTO accounts(company_id, provider, environment, settings_json, defaults_json,
                                  base_url, vendor_id, status_interval_ms, created_at, prefs_json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                a.company_id,
                enum_str(&a.provider),
                enum_str(&a.environment),
                json(&a.settings),
                json(&a.defaults),
                a.base_url,
                a.vendor_id,
                a.status_interval_ms as i64,
                now_rfc3339(),
                json(&a.prefs)
            ],
        )
        .map_err(|e| CoreError::store("insert_account", e))?;
        Ok(AccountRow { id: conn.last_insert_rowid(), ..a.clone() })
    }

    pub fn update_account(&self, a: &AccountRow) -> Result<(), CoreError> {
        self.conn()
            .execute(
                "UPDATE accounts SET environment = ?2, settings_json = ?3, defaults_json = ?4,
                        base_url = ?5, vendor_id = ?6, status_interval_ms = ?7, prefs_json = ?8 WHERE id = ?1",
                params![
                    a.id,
                    enum_str(&a.environment),
                    json(&a.settings),
                    json(&a.defaults),
                    a.base_url,
                    a.vendor_id,
                    a.status_interval_ms as i64,
                    json(&a.prefs)
                ],
            )
            .map(|_| ())
            .map_err(|e| CoreError::store("update_account", e))
    }

    pub fn account(&self, id: i64) -> Result<AccountRow, CoreError> {
        self.conn()
            .query_row(&format!("SELECT {ACCOUNT_COLS} FROM accounts WHERE id = ?1"), [id], account)
            .optional()
            .map_err(|e| CoreError::store("account", e))?
            .ok_or(CoreError::NotFound { what: "account", id })
    }

    /// The company's account of a provider (one per provider and company).
    pub fn account_of(&self, company_id: i64, provider: ProviderKind) -> Result<Option<AccountRow>, CoreError> {
        self.conn()
            .query_row(
                &format!("SELECT {ACCOUNT_COLS} FROM accounts WHERE company_id = ?1 AND provider = ?2"),
                params![company_id, enum_str(&provider)],
                account,
            )
            .optional()
            .map_err(|e| CoreError::store("account_of", e))
    }

    /// The account a company sends through (a company has one provider).
    pub fn company_account(&self, company_id: i64) -> Result<Option<AccountRow>, CoreError> {
        self.conn()
            .query_row(
                &format!("SELECT {ACCOUNT_COLS} FROM accounts WHERE company_id = ?1 ORDER BY id LIMIT 1"),
                [company_id],
                account,
            )
            .optional()
            .map_err(|e| CoreError::store("company_account", e))
    }

    pub fn accounts(&self) -> Result<Vec<AccountRow>, CoreError> {
        let conn = self.conn();
        let mut st = conn
            .prepare(&format!("SELECT {ACCOUNT_COLS} FROM accounts ORDER BY id"))
            .map_err(|e| CoreError::store("accounts", e))?;
        let rows = st.query_map([], account).map_err(|e| CoreError::store("accounts", e))?;
        rows.collect::<Result<_, _>>().map_err(|e| CoreError::store("accounts", e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(&dir.path().join("db")).unwrap();
        let c = s.insert_company("ACME GmbH", false).unwrap();
        let mut row = AccountRow {
            id: 0,
            company_id: c.id,
            provider: ProviderKind::Epost,
            environment: Environment::Test,
            prefs: SendingPrefs { show_dialog: true, ..Default::default() },
            settings: ProviderSettings::Epost(crate::model::EpostSettings { ekp: "1234567890".into(), ..Default::default() }),
            defaults: SendOptions { color: true, ..Default::default() },
            base_url: Some("http://127.0.0.1:1".into()),
            vendor_id: "V".into(),
            status_interval_ms: 5000,
        };
        row = s.insert_account(&row).unwrap();
        assert_eq!(s.account(row.id).unwrap(), row);
        assert_eq!(s.account_of(c.id, ProviderKind::Epost).unwrap(), Some(row.clone()));
        row.defaults.duplex = true;
        s.update_account(&row).unwrap();
        assert!(s.account(row.id).unwrap().defaults.duplex);
        assert_eq!(s.company_by_name("acme gmbh").unwrap().unwrap().id, c.id);
    }
}
