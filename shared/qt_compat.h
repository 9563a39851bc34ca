#pragma once

// Qt 6.4 (Debian 12) and Qt 6.8 (Debian 13) differ in a few calls that Nova uses, and 6.8
// deprecates the 6.4 spelling. This is the one place that knows; the rest of the code calls these.

#include <QDateTime>
#include <QFuture>
#include <QTimeZone>
#include <QtGlobal>

#include <type_traits>
#include <utility>

namespace nova {

// A UTC time whose timeSpec() is Qt::UTC on every Qt version.
inline QDateTime utcFromMSecsSinceEpoch(qint64 msecs)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    return QDateTime::fromMSecsSinceEpoch(msecs, QTimeZone(QTimeZone::UTC));
#else
    return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC);
#endif
}

inline QDateTime utcDateTime(QDate date, QTime time)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    return QDateTime(date, time, QTimeZone(QTimeZone::UTC));
#else
    return QDateTime(date, time, Qt::UTC);
#endif
}

// A future that already holds `value`.
template<typename T>
QFuture<std::decay_t<T>> readyFuture(T &&value)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 6, 0)
    return QtFuture::makeReadyValueFuture(std::forward<T>(value));
#else
    return QtFuture::makeReadyFuture(std::forward<T>(value));
#endif
}

} // namespace nova
