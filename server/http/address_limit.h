#pragma once

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>

namespace nova {

// The group a client address counts towards in every per-address limit: an IPv4 address alone
// (also written as IPv4-mapped IPv6), IPv6 by its /64, the share one host or household gets.
QString addressGroup(const QHostAddress &address);

// Whether `peer` is in one of `networks`; an IPv4 peer may arrive as ::ffff:a.b.c.d on a
// dual-stack socket and is matched as IPv4.
bool inNetworks(const QHostAddress &peer, const QList<QPair<QHostAddress, int>> &networks);

// How many of something (connections, viewer sockets) one client address may hold at once. Peers
// in the exempt networks are never counted: a proxy in front of the server, or local tools, speak
// for many clients. A limit of 0 means none.
class AddressLimit
{
public:
    using Network = QPair<QHostAddress, int>;

    AddressLimit(int perAddress, QList<Network> exempt);

    // Counts one more for `peer`; false (and nothing counted) when it already holds the limit.
    bool tryAcquire(const QHostAddress &peer);
    // Gives back what tryAcquire() counted.
    void release(const QHostAddress &peer);
    int held(const QHostAddress &peer) const { return m_held.value(addressGroup(peer)); }
    int addressesHolding() const { return int(m_held.size()); }

private:
    bool isExempt(const QHostAddress &peer) const;

    int m_perAddress;
    QList<Network> m_exempt;
    QHash<QString, int> m_held;
};

} // namespace nova
