// The store's settings are one row every suite shares, and saving a new logo deletes the old
// image from the bucket. A suite that saves settings keeps both and puts both back afterwards,
// so the pages of later suites still show a logo that exists.
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { config, prisma, s3 } from "./fixtures";

export async function keepStoreSettings() {
  const row = await prisma.storeSettings.findUnique({ where: { id: 1 } });
  const logo = row?.logoKey
    ? await s3
        .send(new GetObjectCommand({ Bucket: config.S3_BUCKET, Key: row.logoKey }))
        .then(async (object) => ({
          body: await object.Body!.transformToByteArray(),
          type: object.ContentType,
        }))
        .catch(() => null)
    : null;
  return async function restore() {
    if (!row) {
      await prisma.storeSettings.deleteMany();
      return;
    }
    if (row.logoKey && logo)
      await s3.send(
        new PutObjectCommand({
          Bucket: config.S3_BUCKET,
          Key: row.logoKey,
          Body: logo.body,
          ContentType: logo.type,
        }),
      );
    await prisma.storeSettings.update({ where: { id: 1 }, data: row });
  };
}
