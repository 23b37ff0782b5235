-- CreateTable
CREATE TABLE "AuthorizedIp" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" INTEGER NOT NULL,
    "network" TEXT NOT NULL,
    "allowed" BOOLEAN NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuthorizedIp_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "AuthorizedIp_accountId_id_idx" ON "AuthorizedIp"("accountId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "AuthorizedIp_accountId_network_allowed_key" ON "AuthorizedIp"("accountId", "network", "allowed");

