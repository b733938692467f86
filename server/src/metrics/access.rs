//! Who may read `/metrics`: the addresses and networks the operator lists
//! in `[metrics] allow_from` (by default this machine only).

use std::net::IpAddr;

/// Networks as (address, prefix length).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AllowList(Vec<(IpAddr, u8)>);

impl AllowList {
    /// Reads entries such as `127.0.0.1`, `10.0.0.0/8` or `::1/128`; says
    /// which entry makes no sense.
    pub fn parse(entries: &[String]) -> Result<Self, String> {
        entries
            .iter()
            .map(|entry| network(entry.trim()).ok_or_else(|| entry.clone()))
            .collect::<Result<Vec<_>, _>>()
            .map(Self)
    }

    pub fn allows(&self, address: IpAddr) -> bool {
        let address = address.to_canonical();
        self.0
            .iter()
            .any(|(network, prefix)| within(address, *network, *prefix))
    }
}

fn network(entry: &str) -> Option<(IpAddr, u8)> {
    let (address, prefix) = match entry.split_once('/') {
        Some((address, prefix)) => (address.parse::<IpAddr>().ok()?, Some(prefix.parse().ok()?)),
        None => (entry.parse::<IpAddr>().ok()?, None),
    };
    let bits = if address.is_ipv4() { 32 } else { 128 };
    let prefix = prefix.unwrap_or(bits);
    (prefix <= bits).then_some((address.to_canonical(), prefix))
}

fn within(address: IpAddr, network: IpAddr, prefix: u8) -> bool {
    let (address, network, bits) = match (address, network) {
        (IpAddr::V4(a), IpAddr::V4(n)) => (u128::from(a.to_bits()), u128::from(n.to_bits()), 32),
        (IpAddr::V6(a), IpAddr::V6(n)) => (a.to_bits(), n.to_bits(), 128),
        _ => return false,
    };
    let ignored = bits - u32::from(prefix);
    ignored >= bits || (address >> ignored) == (network >> ignored)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(entries: &[&str]) -> AllowList {
        AllowList::parse(&entries.iter().map(|e| e.to_string()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn addresses_and_networks_are_allowed_and_nothing_else() {
        let allowed = list(&["127.0.0.1", "10.1.0.0/16", "::1/128"]);
        for yes in ["127.0.0.1", "10.1.200.3", "::1", "::ffff:127.0.0.1"] {
            assert!(allowed.allows(yes.parse().unwrap()), "{yes}");
        }
        for no in ["127.0.0.2", "10.2.0.1", "192.0.2.1", "2001:db8::1"] {
            assert!(!allowed.allows(no.parse().unwrap()), "{no}");
        }
        assert!(!AllowList::default().allows("127.0.0.1".parse().unwrap()));
        assert!(list(&["0.0.0.0/0"]).allows("203.0.113.9".parse().unwrap()));
    }

    #[test]
    fn an_entry_that_makes_no_sense_is_named() {
        for bad in ["localhost", "10.0.0.0/33", "::1/129", "1.2.3.4/", ""] {
            let refused = AllowList::parse(&[bad.to_string()]).unwrap_err();
            assert_eq!(refused, bad);
        }
    }
}
