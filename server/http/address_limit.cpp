#include "server/http/address_limit.h"

#include <algorithm>

namespace nova {

QString addressGroup(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4)
        return QHostAddress(v4).toString();
    Q_IPV6ADDR bytes = address.toIPv6Address();
    for (int i = 8; i < 16; ++i)
        bytes[i] = 0;
    return QHostAddress(bytes).toString() + QStringLiteral("/64");
}

bool inNetworks(const QHostAddress &peer, const QList<QPair<QHostAddress, int>> &networks)
{
    bool isV4 = false;
    const quint32 v4 = peer.toIPv4Address(&isV4);
    const QHostAddress address = isV4 ? QHostAddress(v4) : peer;
    return std::ranges::any_of(networks,
                               [&](const auto &network) { return address.isInSubnet(network); });
}

AddressLimit::AddressLimit(int perAddress, QList<Network> exempt)
    : m_perAddress(perAddress)
    , m_exempt(std::move(exempt))
{}

bool AddressLimit::isExempt(const QHostAddress &peer) const
{
    return inNetworks(peer, m_exempt);
}

bool AddressLimit::tryAcquire(const QHostAddress &peer)
{
    if (m_perAddress <= 0 || isExempt(peer))
        return true;
    int &held = m_held[addressGroup(peer)];
    if (held >= m_perAddress)
        return false;
    ++held;
    return true;
}

void AddressLimit::release(const QHostAddress &peer)
{
    if (m_perAddress <= 0 || isExempt(peer))
        return;
    const auto it = m_held.find(addressGroup(peer));
    if (it != m_held.end() && --*it <= 0)
        m_held.erase(it);
}

} // namespace nova
