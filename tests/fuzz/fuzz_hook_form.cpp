// libFuzzer: nginx-rtmp's hook bodies (outside input, partly the publisher's).
#include "server/hooks/hook_form.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const auto form = nova::HookForm::parse(
        QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (form) {
        for (const char *field : {"call", "name", "addr", "clientid", "app"})
            (void)form->value(QString::fromLatin1(field)).size();
    }
    return 0;
}
