#include "server/viewers/viewers_per_address.h"

namespace nova {

ViewersPerAddress::ViewersPerAddress(int perAddress, std::chrono::milliseconds keep,
                                     int maxAddresses)
    : m_perAddress(perAddress)
    , m_keepMs(keep.count())
    , m_maxAddresses(maxAddresses)
{}

void ViewersPerAddress::forgetStale(QHash<QByteArray, qint64> &viewers, qint64 nowMs) const
{
    viewers.removeIf([&](const auto &viewer) { return nowMs - viewer.value() > m_keepMs; });
}

bool ViewersPerAddress::admit(const QString &address, const QByteArray &viewer, qint64 nowMs)
{
    if (m_perAddress <= 0)
        return true;
    auto known = m_viewers.find(address);
    if (known == m_viewers.end()) {
        if (m_viewers.size() >= m_maxAddresses) {
            // Room first from the addresses whose viewers have all gone quiet.
            for (auto it = m_viewers.begin(); it != m_viewers.end();) {
                forgetStale(*it, nowMs);
                it = it->isEmpty() ? m_viewers.erase(it) : std::next(it);
            }
            if (m_viewers.size() >= m_maxAddresses)
                return false;
        }
        known = m_viewers.insert(address, {});
    }
    QHash<QByteArray, qint64> &viewers = *known;
    if (!viewers.contains(viewer)) {
        forgetStale(viewers, nowMs);
        if (viewers.size() >= m_perAddress)
            return false;
    }
    viewers.insert(viewer, nowMs);
    return true;
}

void ViewersPerAddress::leave(const QString &address, const QByteArray &viewer)
{
    const auto known = m_viewers.find(address);
    if (known == m_viewers.end())
        return;
    known->remove(viewer);
    if (known->isEmpty())
        m_viewers.erase(known);
}

} // namespace nova
