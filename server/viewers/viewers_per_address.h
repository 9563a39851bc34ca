#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

#include <chrono>

namespace nova {

// How many different viewers one client address reports at once: without a cap, one address
// could name a new viewer in every report and count as hundreds. A viewer holds its place while it
// reports (`keep` after its last report) or until it leaves. In memory, per replica, bounded.
class ViewersPerAddress
{
public:
    ViewersPerAddress(int perAddress, std::chrono::milliseconds keep, int maxAddresses = 100'000);

    // Whether `viewer` of `address` may report at `nowMs` (it holds a place, or there is one).
    bool admit(const QString &address, const QByteArray &viewer, qint64 nowMs);
    void leave(const QString &address, const QByteArray &viewer);
    int addresses() const { return int(m_viewers.size()); }

private:
    void forgetStale(QHash<QByteArray, qint64> &viewers, qint64 nowMs) const;

    int m_perAddress;
    qint64 m_keepMs;
    int m_maxAddresses;
    QHash<QString, QHash<QByteArray, qint64>> m_viewers; // address -> viewer -> last report
};

} // namespace nova
