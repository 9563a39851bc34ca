#include "tests/support/hook_forms.h"

namespace nova::test {

HookFields publishFields(const QString &key, const QString &client, const QString &address)
{
    return {{"app", "live"},   {"flashver", "FMLE/3.0"}, {"tcurl", "rtmp://127.0.0.1:1935/live"},
            {"addr", address}, {"clientid", client},     {"call", "publish"},
            {"name", key},     {"type", "live"}};
}

HookFields doneFields(const QString &key, const QString &client)
{
    return {{"app", "live"},
            {"addr", "127.0.0.1"},
            {"clientid", client},
            {"call", "publish_done"},
            {"name", key}};
}

HookFields updateFields(const QString &key, const QString &client)
{
    return {
        {"app", "live"}, {"addr", "127.0.0.1"},  {"clientid", client}, {"call", "update_publish"},
        {"time", "10"},  {"timestamp", "10000"}, {"name", key}};
}

} // namespace nova::test
