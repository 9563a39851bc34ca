#include "server/http/http_request_framer.h"

#include <utility>

namespace nova {

namespace {

bool headerIs(QByteArrayView line, QByteArrayView name, QByteArrayView &value)
{
    if (line.size() <= name.size() || line.at(name.size()) != ':')
        return false;
    if (line.first(name.size()).compare(name, Qt::CaseInsensitive) != 0)
        return false;
    value = line.sliced(name.size() + 1).trimmed();
    return true;
}

bool hasToken(QByteArrayView list, QByteArrayView token)
{
    while (!list.isEmpty()) {
        qsizetype comma = list.indexOf(',');
        if (comma < 0)
            comma = list.size();
        if (list.first(comma).trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
        list = list.sliced(std::min(comma + 1, list.size()));
    }
    return false;
}

HttpRequestFramer::Result reject(int status, QString message)
{
    HttpRequestFramer::Result result;
    result.kind = HttpRequestFramer::Result::Kind::Reject;
    result.status = status;
    result.message = std::move(message);
    return result;
}

} // namespace

HttpRequestFramer::HttpRequestFramer(Limits limits)
    : m_limits(limits)
{}

HttpRequestFramer::Result HttpRequestFramer::feed(QByteArrayView bytes)
{
    if (m_state == State::Done)
        return m_final;

    Result result;
    while (!bytes.isEmpty()) {
        if (m_state == State::Body) {
            const qint64 taken = std::min<qint64>(m_bodyRemaining, bytes.size());
            m_bodyRemaining -= taken;
            bytes = bytes.sliced(taken);
            if (m_bodyRemaining == 0) {
                ++result.completedRequests;
                result.closeRequested |= m_closeAfterThisRequest;
                result.continueExpected = false;
                m_state = State::Head;
            }
            continue;
        }

        // Head: gather up to the blank line that ends it.
        const qsizetype end = bytes.indexOf('\n');
        const qsizetype take = end < 0 ? bytes.size() : end + 1;
        if (m_head.size() + take > m_limits.maxHeadBytes) {
            m_final = reject(
                431,
                QStringLiteral("request head is larger than %1 bytes").arg(m_limits.maxHeadBytes));
            m_state = State::Done;
            m_final.completedRequests = result.completedRequests;
            return m_final;
        }
        m_head.append(bytes.first(take));
        bytes = bytes.sliced(take);
        if (end < 0)
            break;
        // Blank lines before a request line are allowed (RFC 9112, 2.2).
        if (m_head == "\r\n" || m_head == "\n") {
            m_head.clear();
            continue;
        }
        if (!m_head.endsWith("\n\n") && !m_head.endsWith("\n\r\n"))
            continue;
        if (!finishHead(result)) {
            m_final.completedRequests = result.completedRequests;
            return m_final;
        }
    }
    return result;
}

// Reads the finished head in m_head; returns false when framing ended (reject or upgrade). Runs for
// every request, so it walks the head in place instead of splitting it into lists.
bool HttpRequestFramer::finishHead(Result &result)
{
    const QByteArray head = std::exchange(m_head, QByteArray());
    const QByteArrayView all(head);
    qsizetype lineEnd = all.indexOf('\n');
    const QByteArrayView requestLine = all.first(lineEnd).trimmed();

    // METHOD SP target SP version, each part non-empty.
    const qsizetype firstSpace = requestLine.indexOf(' ');
    const qsizetype lastSpace = requestLine.lastIndexOf(' ');
    if (firstSpace <= 0 || lastSpace <= firstSpace + 1 ||
        requestLine.sliced(firstSpace + 1, lastSpace - firstSpace - 1).contains(' ')) {
        m_final = reject(400, QStringLiteral("malformed request line"));
        m_state = State::Done;
        return false;
    }
    const QByteArrayView version = requestLine.sliced(lastSpace + 1);
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
        m_final = reject(400, QStringLiteral("unsupported HTTP version"));
        m_state = State::Done;
        return false;
    }

    bool keepAlive = version == "HTTP/1.1";
    bool upgrade = false;
    bool expectContinue = false;
    qint64 contentLength = 0;
    bool haveLength = false;
    for (qsizetype start = lineEnd + 1; start < all.size(); start = lineEnd + 1) {
        lineEnd = all.indexOf('\n', start);
        if (lineEnd < 0)
            lineEnd = all.size();
        const QByteArrayView line = all.sliced(start, lineEnd - start).trimmed();
        if (line.isEmpty())
            continue;
        QByteArrayView value;
        if (headerIs(line, "content-length", value)) {
            bool ok = false;
            const qint64 length = value.toLongLong(&ok);
            const bool digitsOnly =
                !value.isEmpty() && std::all_of(value.begin(), value.end(),
                                                [](char c) { return c >= '0' && c <= '9'; });
            if (!ok || !digitsOnly || (haveLength && length != contentLength)) {
                m_final = reject(400, QStringLiteral("invalid Content-Length"));
                m_state = State::Done;
                return false;
            }
            contentLength = length;
            haveLength = true;
        } else if (headerIs(line, "transfer-encoding", value)) {
            m_final = reject(411, QStringLiteral("chunked request bodies are not accepted; "
                                                 "send Content-Length"));
            m_state = State::Done;
            return false;
        } else if (headerIs(line, "connection", value)) {
            if (hasToken(value, "close"))
                keepAlive = false;
            else if (hasToken(value, "keep-alive"))
                keepAlive = true;
        } else if (headerIs(line, "upgrade", value)) {
            upgrade = hasToken(value, "websocket");
        } else if (headerIs(line, "expect", value)) {
            expectContinue = value.compare("100-continue", Qt::CaseInsensitive) == 0;
        } else if (line.indexOf(':') <= 0) {
            m_final = reject(400, QStringLiteral("malformed header line"));
            m_state = State::Done;
            return false;
        }
    }

    if (contentLength > m_limits.maxBodyBytes) {
        m_final = reject(413, QStringLiteral("request body of %1 bytes is over the limit of %2")
                                  .arg(contentLength)
                                  .arg(m_limits.maxBodyBytes));
        m_state = State::Done;
        return false;
    }
    if (upgrade) {
        m_final = {};
        m_final.kind = Result::Kind::Upgrade;
        m_state = State::Done;
        return false;
    }

    m_closeAfterThisRequest = !keepAlive;
    if (contentLength == 0) {
        ++result.completedRequests;
        result.closeRequested |= m_closeAfterThisRequest;
        return true;
    }
    m_bodyRemaining = contentLength;
    m_state = State::Body;
    result.continueExpected = expectContinue;
    return true;
}

} // namespace nova
