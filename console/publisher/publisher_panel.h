#pragma once

#include "shared/publisher_details.h"

#include <QLabel>

namespace nova {

// The stream pane's "Publisher" block: what it sends and from where, or why that is not known.
// Draws what it is handed (PublisherFeed reads it).
class PublisherPanel : public QLabel
{
    Q_OBJECT

public:
    explicit PublisherPanel(QWidget *parent = nullptr);

    void showDetails(const PublisherDetails &details);
    // Empty: nothing selected.
    void showUnavailable(const QString &reason);
};

} // namespace nova
