//! The domain family: AddVodDomain, DescribeVodUserDomains, SetVodDomainCertificate,
//! DescribeVodDomainCertificateInfo and DeleteVodDomain over one in-memory table.

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::sync::{Mutex, MutexGuard};

use serde_json::{Map, Value, json};
use vod_runtime::Timestamp;

use crate::catalog::Catalog;
use crate::error::ServiceError;
use crate::family::{Call, Family};

/// Page size when the caller names none, as documented.
const DEFAULT_PAGE_SIZE: usize = 20;

/// One accelerated domain.
#[derive(Clone, Debug, PartialEq)]
struct Domain {
    sources: Vec<Value>,
    created: i64,
    modified: i64,
    /// The `CertInfo` document DescribeVodDomainCertificateInfo returns, once one is set.
    certificate: Option<Map<String, Value>>,
}

/// Domains by name, behind a lock.
#[derive(Debug, Default)]
pub struct Domains {
    table: Mutex<BTreeMap<String, Domain>>,
}

impl Domains {
    /// Seeded with the domains of the spec's DescribeVodDomainCertificateInfo example, so the
    /// documented calls work against a fresh emulator.
    pub fn seeded(catalog: &Catalog, now: i64) -> Self {
        let mut table = BTreeMap::new();
        let certificates = catalog
            .actions
            .get("DescribeVodDomainCertificateInfo")
            .and_then(|action| action.example_response.as_ref())
            .and_then(|example| example.pointer("/CertInfos/CertInfo"))
            .and_then(Value::as_array);
        for certificate in certificates.into_iter().flatten() {
            if let (Some(name), Some(fields)) = (
                certificate.get("DomainName").and_then(Value::as_str),
                certificate.as_object(),
            ) {
                let domain = Domain {
                    sources: Vec::new(),
                    created: now,
                    modified: now,
                    certificate: Some(fields.clone()),
                };
                table.insert(name.to_owned(), domain);
            }
        }
        Domains {
            table: Mutex::new(table),
        }
    }

    fn lock(&self) -> MutexGuard<'_, BTreeMap<String, Domain>> {
        // The table stays consistent across a panic (every update is a single insert or
        // remove), so a poisoned lock is still safe to use.
        self.table
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn add(&self, call: &Call<'_>) -> Result<Value, ServiceError> {
        let name = required(call, "DomainName")?;
        let sources = parse_sources(call)?;
        let mut table = self.lock();
        if table.contains_key(name) {
            return Err(call.error("DomainAlreadyExist"));
        }
        let domain = Domain {
            sources,
            created: call.now,
            modified: call.now,
            certificate: None,
        };
        table.insert(name.to_owned(), domain);
        Ok(json!({}))
    }

    fn describe(&self, call: &Call<'_>) -> Result<Value, ServiceError> {
        let page_size = number(call, "PageSize")?.unwrap_or(DEFAULT_PAGE_SIZE);
        let page_number = number(call, "PageNumber")?.unwrap_or(1).max(1);
        let filter = call.param("DomainName").unwrap_or_default();
        let search = call.param("DomainSearchType").unwrap_or("fuzzy_match");
        let table = self.lock();
        let matching: Vec<Value> = table
            .iter()
            .filter(|(name, _)| match search {
                "pre_match" => name.starts_with(filter),
                "suf_match" => name.ends_with(filter),
                "full_match" => name.as_str() == filter,
                _ => name.contains(filter),
            })
            // Every emulated domain is online; a status filter other than that matches none.
            .filter(|_| {
                call.param("DomainStatus")
                    .is_none_or(|status| status == "online")
            })
            .map(|(name, domain)| domain_document(name, domain))
            .collect();
        let total = matching.len();
        let page: Vec<Value> = matching
            .into_iter()
            .skip(page_size.saturating_mul(page_number - 1))
            .take(page_size)
            .collect();
        Ok(json!({
            "Domains": {"PageData": page},
            "TotalCount": total,
            "PageSize": page_size,
            "PageNumber": page_number,
        }))
    }

    fn set_certificate(&self, call: &Call<'_>) -> Result<Value, ServiceError> {
        let name = required(call, "DomainName")?;
        let protocol = required(call, "SSLProtocol")?;
        let mut table = self.lock();
        let domain = table
            .get_mut(name)
            .ok_or_else(|| call.error("InvalidDomain.NotFound"))?;
        let mut certificate = Map::new();
        certificate.insert("DomainName".into(), name.into());
        certificate.insert("CertDomainName".into(), name.into());
        certificate.insert("SSLProtocol".into(), protocol.into());
        certificate.insert("CertType".into(), "upload".into());
        certificate.insert("Status".into(), "success".into());
        certificate.insert("ServerCertificateStatus".into(), "success".into());
        if let Some(cert_name) = call.param("CertName") {
            certificate.insert("CertName".into(), cert_name.into());
        }
        domain.certificate = Some(certificate);
        domain.modified = call.now;
        Ok(json!({}))
    }

    fn certificate_info(&self, call: &Call<'_>) -> Result<Value, ServiceError> {
        let name = required(call, "DomainName")?;
        let table = self.lock();
        let domain = table
            .get(name)
            .ok_or_else(|| call.error("InvalidDomain.NotFound"))?;
        let infos: Vec<Value> = domain
            .certificate
            .iter()
            .cloned()
            .map(Value::Object)
            .collect();
        Ok(json!({"CertInfos": {"CertInfo": infos}}))
    }

    fn delete(&self, call: &Call<'_>) -> Result<Value, ServiceError> {
        let name = required(call, "DomainName")?;
        match self.lock().remove(name) {
            Some(_) => Ok(json!({})),
            None => Err(call.error("InvalidDomain.NotFound")),
        }
    }
}

impl Family for Domains {
    fn handle(&self, call: &Call<'_>) -> Option<Result<Value, ServiceError>> {
        Some(match call.action.name.as_str() {
            "AddVodDomain" => self.add(call),
            "DescribeVodUserDomains" => self.describe(call),
            "SetVodDomainCertificate" => self.set_certificate(call),
            "DescribeVodDomainCertificateInfo" => self.certificate_info(call),
            "DeleteVodDomain" => self.delete(call),
            _ => return None,
        })
    }
}

/// A parameter the spec marks required; validation has checked it, but a spec that does not
/// mark it must not make the handler panic.
fn required<'a>(call: &'a Call<'_>, name: &str) -> Result<&'a str, ServiceError> {
    call.param(name)
        .ok_or_else(|| ServiceError::missing_parameter(name))
}

fn number(call: &Call<'_>, name: &str) -> Result<Option<usize>, ServiceError> {
    call.param(name)
        .map(|text| {
            text.parse::<usize>()
                .map_err(|_| ServiceError::invalid_parameter(name, "not a count"))
        })
        .transpose()
}

/// `Sources` is JSON text: a list of `{type, content, port?, priority?}`; the service answers
/// them back with capitalised keys.
fn parse_sources(call: &Call<'_>) -> Result<Vec<Value>, ServiceError> {
    let text = required(call, "Sources")?;
    let malformed = || call.error("InvalidSources.Malformed");
    let list: Vec<Map<String, Value>> = serde_json::from_str(text).map_err(|_| malformed())?;
    list.into_iter()
        .map(|source| {
            let text_of = |key: &str| source.get(key).and_then(Value::as_str).map(str::to_owned);
            let (Some(kind), Some(content)) = (text_of("type"), text_of("content")) else {
                return Err(malformed());
            };
            // The documented meaning of the code: the address does not fit the source type.
            if kind == "ipaddr" && content.parse::<IpAddr>().is_err() {
                return Err(malformed());
            }
            let port = match source.get("port") {
                None => 80,
                Some(Value::Number(n)) => n.as_u64().ok_or_else(malformed)?,
                Some(Value::String(s)) => s.parse().map_err(|_| malformed())?,
                Some(_) => return Err(malformed()),
            };
            let priority = match source.get("priority") {
                None => "20".to_owned(),
                Some(Value::String(s)) => s.clone(),
                Some(Value::Number(n)) => n.to_string(),
                Some(_) => return Err(malformed()),
            };
            Ok(json!({"Type": kind, "Content": content, "Port": port, "Priority": priority}))
        })
        .collect()
}

fn domain_document(name: &str, domain: &Domain) -> Value {
    let ssl = domain
        .certificate
        .as_ref()
        .and_then(|c| c.get("SSLProtocol"))
        .cloned()
        .unwrap_or_else(|| "off".into());
    json!({
        "DomainName": name,
        "Cname": format!("{name}.w.alikunlun.net"),
        "DomainStatus": "online",
        "GmtCreated": Timestamp::from_unix_seconds(domain.created).to_string(),
        "GmtModified": Timestamp::from_unix_seconds(domain.modified).to_string(),
        "Sandbox": "normal",
        "SslProtocol": ssl,
        "Sources": {"Source": domain.sources},
    })
}
