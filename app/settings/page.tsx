import type { Metadata } from "next";
import { PricingForm } from "@/components/settings/pricing-form";
import { InventorySourceForm } from "@/components/settings/inventory-source-form";
import { TrailCoverage } from "@/components/settings/trail-coverage";
import { UsageSourceForm } from "@/components/settings/usage-source-form";
import { BillSourceForm } from "@/components/settings/bill-source-form";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Settings" };

export default function SettingsPage() {
  return (
    <>
      <PageHeader
        title="Settings"
        description="KMS prices and the assumptions behind every cost and saving the console shows."
      />
      <PricingForm />
      <InventorySourceForm />
      <UsageSourceForm />
      <BillSourceForm />
      <TrailCoverage />
    </>
  );
}
