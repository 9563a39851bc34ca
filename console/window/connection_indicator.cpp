#include "console/window/connection_indicator.h"

namespace nova {

ConnectionIndicator::ConnectionIndicator(const QString &source, QWidget *parent)
    : QLabel(parent)
    , m_source(source)
{
    setObjectName(source);
    setTextFormat(Qt::RichText);
    setState(State::Unknown);
}

void ConnectionIndicator::setState(State state, const QString &reason)
{
    m_state = state;
    m_reason = reason;
    QString color = QStringLiteral("#9e9e9e");
    QString word = tr("waiting");
    switch (state) {
    case State::Up:
        color = QStringLiteral("#2e9e44");
        word = tr("connected");
        break;
    case State::Connecting:
        color = QStringLiteral("#e0a000");
        word = tr("connecting");
        break;
    case State::Down:
        color = QStringLiteral("#d32f2f");
        word = tr("down");
        break;
    case State::Unknown:
        break;
    }
    QString html = QStringLiteral("<span style='color:%1'>&#9679;</span> <b>%2</b> %3")
                       .arg(color, m_source.toHtmlEscaped(), word);
    if (!reason.isEmpty())
        html += QStringLiteral(": <span style='color:%1'>%2</span>")
                    .arg(color, reason.left(140).toHtmlEscaped());
    setText(html);
    setToolTip(reason);
}

} // namespace nova
