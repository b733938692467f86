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
    let (written, prefix) = match entry.split_once('/') {
        Some((address, prefix)) => (
            address.parse::<IpAddr>().ok()?,
            Some(prefix.parse::<u8>().ok()?),
        ),
        None => (entry.parse::<IpAddr>().ok()?, None),
    };
    // Peers are matched as IPv4 when they are IPv4-mapped (::ffff:a.b.c.d),
    // so such an entry becomes the IPv4 network in its last 32 bits.
    let address = written.to_canonical();
    let prefix = match (written, prefix) {
        (IpAddr::V6(_), Some(prefix)) if address.is_ipv4() => prefix.checked_sub(96)?,
        (_, Some(prefix)) => prefix,
        (_, None) => bits_of(address),
    };
    (prefix <= bits_of(address)).then_some((address, prefix))
}

fn bits_of(address: IpAddr) -> u8 {
    if address.is_ipv4() { 32 } else { 128 }
}

fn within(address: IpAddr, network: IpAddr, prefix: u8) -> bool {
    let (address, network, bits) = match (address, network) {
        (IpAddr::V4(a), IpAddr::V4(n)) => (u128::from(a.to_bits()), u128::from(n.to_bits()), 32),
        (IpAddr::V6(a), IpAddr::V6(n)) => (a.to_bits(), n.to_bits(), 128),
        _ => return false,
    };
    // Parsing keeps the prefix within the address's bits; saturating all
    // the same, so that no entry can make this wrap.
    let ignored = u32::from(u8::saturating_sub(bits, prefix));
    ignored >= 128 || (address >> ignored) == (network >> ignored)
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
    fn an_ipv4_mapped_entry_is_its_ipv4_network_and_no_wider() {
        let one = list(&["::ffff:127.0.0.1"]);
        assert!(one.allows("127.0.0.1".parse().unwrap()));
        assert!(!one.allows("203.0.113.9".parse().unwrap()));
        let net = list(&["::ffff:10.0.0.0/104"]);
        assert!(net.allows("10.200.0.1".parse().unwrap()));
        assert!(!net.allows("11.0.0.1".parse().unwrap()));
        assert!(AllowList::parse(&["::ffff:10.0.0.0/64".to_string()]).is_err());
    }

    #[test]
    fn an_entry_that_makes_no_sense_is_named() {
        for bad in ["localhost", "10.0.0.0/33", "::1/129", "1.2.3.4/", ""] {
            let refused = AllowList::parse(&[bad.to_string()]).unwrap_err();
            assert_eq!(refused, bad);
        }
    }
}
