#include "server/http/http_request_parser.h"

#include <algorithm>
#include <utility>

namespace nova {

namespace {

// tchar of RFC 9110, 5.6.2: what a method or a field name may be made of.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView bytes)
{
    return !bytes.isEmpty() && std::all_of(bytes.begin(), bytes.end(), isTokenChar);
}

// field-vchar, SP and HTAB (RFC 9110, 5.5): no other control character, no DEL.
bool isFieldValueChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u == '\t' || (u >= 0x20 && u != 0x7f);
}

bool isOptionalWhitespace(char c)
{
    return c == ' ' || c == '\t';
}

QByteArrayView trimOptionalWhitespace(QByteArrayView value)
{
    while (!value.isEmpty() && isOptionalWhitespace(value.front()))
        value = value.sliced(1);
    while (!value.isEmpty() && isOptionalWhitespace(value.back()))
        value.chop(1);
    return value;
}

bool hasToken(QByteArrayView list, QByteArrayView token)
{
    while (!list.isEmpty()) {
        qsizetype comma = list.indexOf(',');
        if (comma < 0)
            comma = list.size();
        if (trimOptionalWhitespace(list.first(comma)).compare(token, Qt::CaseInsensitive) == 0)
            return true;
        list = list.sliced(std::min(comma + 1, list.size()));
    }
    return false;
}

// The origin-form of a target: absolute-form ("http://host/path?q") is accepted as RFC 9112 3.2.2
// asks, and answered as its path.
QByteArray originForm(QByteArrayView target)
{
    for (const QByteArrayView scheme : {QByteArrayView("http://"), QByteArrayView("https://")}) {
        if (target.size() > scheme.size() &&
            target.first(scheme.size()).compare(scheme, Qt::CaseInsensitive) == 0) {
            const QByteArrayView rest = target.sliced(scheme.size());
            const qsizetype slash = rest.indexOf('/');
            const qsizetype query = rest.indexOf('?');
            if (slash >= 0 && (query < 0 || slash < query))
                return rest.sliced(slash).toByteArray();
            return query >= 0 ? "/" + rest.sliced(query).toByteArray() : QByteArray("/");
        }
    }
    return target.toByteArray();
}

} // namespace

QByteArray ParsedRequest::header(QByteArrayView name) const
{
    for (const auto &[field, value] : headers) {
        if (field == name)
            return value;
    }
    return {};
}

HttpRequestParser::HttpRequestParser(Limits limits)
    : m_limits(limits)
{}

HttpRequestParser::Step HttpRequestParser::reject(int status, QString message)
{
    m_state = State::Rejected;
    m_rejection = {};
    m_rejection.kind = Step::Kind::Reject;
    m_rejection.status = status;
    m_rejection.message = std::move(message);
    m_head.clear();
    m_request = {};
    return m_rejection;
}

HttpRequestParser::Step HttpRequestParser::feed(QByteArrayView bytes)
{
    if (m_state == State::Rejected)
        return m_rejection;

    Step step;
    qsizetype at = 0;
    while (at < bytes.size()) {
        if (m_state == State::Body) {
            const qint64 taken = std::min<qint64>(m_bodyRemaining, bytes.size() - at);
            m_request.body.append(bytes.sliced(at, taken));
            m_bodyRemaining -= taken;
            at += taken;
            if (m_bodyRemaining == 0) {
                m_state = State::Head;
                step.kind = Step::Kind::Request;
                step.consumed = at;
                step.request = std::exchange(m_request, {});
                return step;
            }
            continue;
        }

        // Head: gather lines up to the empty one that ends it.
        const qsizetype newline = bytes.indexOf('\n', at);
        const qsizetype take = (newline < 0 ? bytes.size() : newline + 1) - at;
        const bool inRequestLine = !m_head.contains('\n');
        // A request line longer than any target allowed plus a method and version is a 414
        // before its end arrives.
        if (inRequestLine && m_head.size() + take > m_limits.maxTargetBytes + 64)
            return reject(
                414,
                QStringLiteral("request target longer than %1 bytes").arg(m_limits.maxTargetBytes));
        if (m_head.size() + take > m_limits.maxHeadBytes)
            return reject(
                431,
                QStringLiteral("request head is larger than %1 bytes").arg(m_limits.maxHeadBytes));
        m_head.append(bytes.sliced(at, take));
        at += take;
        if (newline < 0)
            break;
        if (m_head.size() < 2 || m_head.at(m_head.size() - 2) != '\r')
            return reject(400, QStringLiteral("a line ends in LF without CR"));
        // Empty lines before a request line are ignored (RFC 9112, 2.2).
        if (m_head == "\r\n") {
            m_head.clear();
            continue;
        }
        if (!m_head.endsWith("\r\n\r\n"))
            continue;
        if (!finishHead(step))
            return m_rejection;
        if (m_request.upgrade || m_bodyRemaining == 0) {
            m_state = State::Head;
            step.kind = Step::Kind::Request;
            step.consumed = at;
            step.request = std::exchange(m_request, {});
            return step;
        }
        m_state = State::Body;
    }
    step.kind = Step::Kind::NeedMore;
    step.consumed = bytes.size();
    return step;
}

// Reads the finished head in m_head into m_request; returns false after a rejection.
bool HttpRequestParser::finishHead(Step &step)
{
    const QByteArray head = std::exchange(m_head, QByteArray());
    const QByteArrayView all(head);
    qsizetype lineEnd = all.indexOf("\r\n");
    const QByteArrayView requestLine = all.first(lineEnd);

    // method SP request-target SP HTTP-version, single spaces, nothing else (RFC 9112, 3).
    const qsizetype firstSpace = requestLine.indexOf(' ');
    const qsizetype secondSpace = firstSpace < 0 ? -1 : requestLine.indexOf(' ', firstSpace + 1);
    if (firstSpace <= 0 || secondSpace <= firstSpace + 1 ||
        requestLine.indexOf(' ', secondSpace + 1) >= 0) {
        reject(400, QStringLiteral("malformed request line"));
        return false;
    }
    const QByteArrayView method = requestLine.first(firstSpace);
    const QByteArrayView target = requestLine.sliced(firstSpace + 1, secondSpace - firstSpace - 1);
    const QByteArrayView version = requestLine.sliced(secondSpace + 1);
    if (!isToken(method)) {
        reject(400, QStringLiteral("malformed request method"));
        return false;
    }
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
        const bool looksHttp =
            version.size() == 8 && version.startsWith("HTTP/") && version.at(6) == '.';
        reject(looksHttp ? 505 : 400, looksHttp ? QStringLiteral("only HTTP/1.1 and 1.0 are served")
                                                : QStringLiteral("malformed HTTP version"));
        return false;
    }
    if (target.size() > m_limits.maxTargetBytes) {
        reject(414,
               QStringLiteral("request target longer than %1 bytes").arg(m_limits.maxTargetBytes));
        return false;
    }
    const bool visible = std::all_of(target.begin(), target.end(), [](char c) {
        return static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7f;
    });
    const QByteArray path = originForm(target);
    if (!visible || !path.startsWith('/')) {
        reject(400, QStringLiteral("malformed request target"));
        return false;
    }

    m_request.method = methodFromToken(method);
    m_request.target = path;
    m_request.version = version.toByteArray();
    bool keepAlive = version == "HTTP/1.1";
    bool expectContinue = false;
    int hosts = 0;
    qint64 contentLength = 0;
    bool haveLength = false;
    for (qsizetype start = lineEnd + 2; start < all.size(); start = lineEnd + 2) {
        lineEnd = all.indexOf("\r\n", start);
        const QByteArrayView line = all.sliced(start, lineEnd - start);
        if (line.isEmpty())
            break; // the end of the head
        if (isOptionalWhitespace(line.front())) {
            reject(400, QStringLiteral("obsolete line folding in the header"));
            return false;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.first(colon))) {
            reject(400, QStringLiteral("malformed header field name"));
            return false;
        }
        const QByteArrayView value = trimOptionalWhitespace(line.sliced(colon + 1));
        if (!std::all_of(value.begin(), value.end(), isFieldValueChar)) {
            reject(400, QStringLiteral("control character in a header value"));
            return false;
        }
        const QByteArray name = line.first(colon).toByteArray().toLower();

        if (name == "content-length") {
            bool ok = false;
            const qint64 length = value.toLongLong(&ok);
            const bool digitsOnly =
                !value.isEmpty() && std::all_of(value.begin(), value.end(),
                                                [](char c) { return c >= '0' && c <= '9'; });
            if (!ok || !digitsOnly || (haveLength && length != contentLength)) {
                reject(400, QStringLiteral("invalid Content-Length"));
                return false;
            }
            contentLength = length;
            haveLength = true;
        } else if (name == "transfer-encoding") {
            reject(411, QStringLiteral("chunked request bodies are not accepted; "
                                       "send Content-Length"));
            return false;
        } else if (name == "host") {
            ++hosts;
        } else if (name == "connection") {
            if (hasToken(value, "close"))
                keepAlive = false;
            else if (hasToken(value, "keep-alive"))
                keepAlive = true;
        } else if (name == "upgrade") {
            m_request.upgrade = hasToken(value, "websocket");
        } else if (name == "expect") {
            expectContinue = value.compare("100-continue", Qt::CaseInsensitive) == 0;
        }
        m_request.headers.append({name, value.toByteArray()});
    }

    // RFC 9112, 3.2: a 1.1 request has exactly one Host; no request has two.
    if (hosts > 1 || (hosts == 0 && version == "HTTP/1.1")) {
        reject(400, hosts ? QStringLiteral("more than one Host header")
                          : QStringLiteral("an HTTP/1.1 request needs a Host header"));
        return false;
    }
    if (contentLength > m_limits.maxBodyBytes) {
        reject(413, QStringLiteral("request body of %1 bytes is over the limit of %2")
                        .arg(contentLength)
                        .arg(m_limits.maxBodyBytes));
        return false;
    }
    if (m_request.upgrade && contentLength > 0) {
        reject(400, QStringLiteral("an upgrade request has no body"));
        return false;
    }
    m_request.keepAlive = keepAlive && !m_request.upgrade;
    m_bodyRemaining = contentLength;
    step.continueExpected = expectContinue && contentLength > 0;
    return true;
}

} // namespace nova
