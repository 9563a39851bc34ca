#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

#include <optional>

namespace nova {

// The form-encoded body nginx-rtmp POSTs to a hook ("call=publish&name=...&addr=..."). nginx
// writes its own fields first and appends the publisher's query arguments after them, so the first
// occurrence of a field wins: a publisher cannot override `name` or `addr` from its URL.
class HookForm
{
public:
    static constexpr int kMaxFields = 128;

    // nullopt when the body is not a form at all (too many fields, an empty field name).
    static std::optional<HookForm> parse(QByteArrayView body);

    QString value(const QString &field) const { return m_fields.value(field); }
    bool has(const QString &field) const { return m_fields.contains(field); }
    qsizetype size() const { return m_fields.size(); }

private:
    QHash<QString, QString> m_fields;
};

} // namespace nova
