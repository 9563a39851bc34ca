#include "console/publisher/publisher_panel.h"

#include "console/publisher/publisher_summary.h"

namespace nova {

PublisherPanel::PublisherPanel(QWidget *parent)
    : QLabel(parent)
{
    setTextFormat(Qt::RichText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setWordWrap(true);
    showUnavailable({});
}

void PublisherPanel::showDetails(const PublisherDetails &details)
{
    const PublisherSummary summary = PublisherSummary::of(details);
    setText(tr("<b>Publisher</b><br><small>Video: %1<br>Audio: %2<br>In: %3</small>")
                .arg(summary.video.toHtmlEscaped(), summary.audio.toHtmlEscaped(),
                     summary.connection.toHtmlEscaped()));
}

void PublisherPanel::showUnavailable(const QString &reason)
{
    setText(tr("<b>Publisher</b><br><small>%1</small>")
                .arg(reason.isEmpty() ? tr("No stream selected") : reason.toHtmlEscaped()));
}

} // namespace nova
