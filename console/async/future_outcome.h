#pragma once

#include <QFuture>
#include <QPointer>
#include <QString>

#include <exception>
#include <optional>

namespace nova {

// Futures of the console's clients finish on the GUI thread (in a network reply's signal). These
// run what comes next there, safely: Qt 6.4 calls a continuation even after its context object is
// gone, and a future whose client was destroyed ends canceled, holding neither result nor error.

// Calls `handler(future)` once `future` has a result or an error, unless `guard` is gone by then
// (or the future was canceled).
template<typename T, typename Handler>
void whenFinished(QFuture<T> future, QObject *guard, Handler handler)
{
    future.then(QtFuture::Launch::Sync, [guard = QPointer<QObject>(guard),
                                         handler = std::move(handler)](QFuture<T> done) mutable {
        if (guard)
            handler(done);
    });
}

// What went wrong, for people: the message of a PrometheusError, an ApiError or anything else.
QString describeFailure(const std::exception_ptr &failure);

// The result of a finished future, or nullopt with `problem` saying why there is none.
template<typename T>
std::optional<T> resultOf(const QFuture<T> &future, QString *problem)
{
    if (future.resultCount() > 0)
        return future.result();
    try {
        QFuture<T>(future).waitForFinished(); // rethrows the error it holds
    } catch (...) {
        *problem = describeFailure(std::current_exception());
        return std::nullopt;
    }
    *problem = QStringLiteral("canceled");
    return std::nullopt;
}

} // namespace nova
