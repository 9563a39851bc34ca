// libFuzzer: the bytes of an HTTP connection, read whole and cut into arbitrary chunks. Where one
// request ends must never depend on how the bytes arrived: both readings yield the same requests,
// the same refusal, and never a step that consumes more than it was given.
#include "server/http/http_request_parser.h"

#include <cstddef>
#include <cstdint>

namespace {

struct Reading
{
    QList<nova::ParsedRequest> requests;
    int status = 0;
};

Reading readAll(QByteArrayView bytes, std::size_t chunk)
{
    using Kind = nova::HttpRequestParser::Step::Kind;
    nova::HttpRequestParser parser({256, 64, 1024});
    Reading reading;
    for (qsizetype at = 0; at < bytes.size() && reading.status == 0; at += qsizetype(chunk)) {
        QByteArrayView piece = bytes.sliced(at, std::min(qsizetype(chunk), bytes.size() - at));
        while (!piece.isEmpty()) {
            const auto step = parser.feed(piece);
            if (step.consumed < 0 || step.consumed > piece.size())
                __builtin_trap();
            if (step.kind == Kind::Reject) {
                if (step.status < 400 || step.status > 505)
                    __builtin_trap();
                reading.status = step.status;
                break;
            }
            if (step.kind == Kind::Request) {
                if (step.request.body.size() > 1024 || !step.request.target.startsWith('/'))
                    __builtin_trap();
                reading.requests.append(step.request);
            } else if (step.consumed != piece.size()) {
                __builtin_trap(); // NeedMore takes everything
            }
            piece = piece.sliced(step.consumed);
        }
    }
    return reading;
}

bool sameRequests(const Reading &a, const Reading &b)
{
    if (a.status != b.status || a.requests.size() != b.requests.size())
        return false;
    for (qsizetype i = 0; i < a.requests.size(); ++i) {
        const auto &x = a.requests.at(i);
        const auto &y = b.requests.at(i);
        if (x.method != y.method || x.target != y.target || x.headers != y.headers ||
            x.body != y.body || x.keepAlive != y.keepAlive || x.upgrade != y.upgrade)
            return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    // The first byte chooses the chunk size, so that every boundary gets tried.
    const std::size_t chunk = std::size_t(data[0] % 32) + 1;
    const QByteArrayView bytes(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    if (!sameRequests(readAll(bytes, std::max<std::size_t>(bytes.size(), 1)),
                      readAll(bytes, chunk)))
        __builtin_trap();
    return 0;
}
