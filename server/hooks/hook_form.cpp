#include "server/hooks/hook_form.h"

#include <QUrl>

namespace nova {

namespace {
// application/x-www-form-urlencoded: '+' is a space, then percent-decoding.
QString decodeComponent(QByteArrayView raw)
{
    QByteArray bytes(raw.data(), raw.size());
    bytes.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(bytes));
}
} // namespace

std::optional<HookForm> HookForm::parse(QByteArrayView body)
{
    HookForm form;
    int fields = 0;
    qsizetype start = 0;
    while (start <= body.size()) {
        qsizetype end = body.indexOf('&', start);
        if (end < 0)
            end = body.size();
        const QByteArrayView pair = body.sliced(start, end - start);
        start = end + 1;
        if (pair.isEmpty())
            continue;
        if (++fields > kMaxFields)
            return std::nullopt;
        const qsizetype equals = pair.indexOf('=');
        const QByteArrayView rawName = equals < 0 ? pair : pair.first(equals);
        const QByteArrayView rawValue = equals < 0 ? QByteArrayView() : pair.sliced(equals + 1);
        if (rawName.isEmpty())
            return std::nullopt;
        const QString name = decodeComponent(rawName);
        if (!form.m_fields.contains(name))
            form.m_fields.insert(name, decodeComponent(rawValue));
    }
    return form;
}

} // namespace nova
