#include "server/metrics/metrics.h"

#include <prometheus/text_serializer.h>

namespace nova {

Metrics::Metrics()
    : m_registry(std::make_shared<prometheus::Registry>())
{
    m_activeStreams = &prometheus::BuildGauge()
                           .Name("nova_streaming_active_streams")
                           .Help("Streams currently ACTIVE (a publisher is live), platform-wide.")
                           .Register(*m_registry)
                           .Add({});
}

QByteArray Metrics::render() const
{
    const std::string text = prometheus::TextSerializer().Serialize(m_registry->Collect());
    return QByteArray(text.data(), qsizetype(text.size()));
}

} // namespace nova
