<?xml version="1.0" encoding="UTF-8"?>
<!-- overview.xsl - OUT/index.html, an archive at a glance, from OUT/index.xml
     (emit/index.rng) alone:
     the reports table, an areas-by-municipality heat map and one bar chart
     per Kommunkompassen report as inline SVG, the files that failed and why.
     No script.  Built into the programs (emit/overview.c); docs/ingest.md. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:svg="http://www.w3.org/2000/svg"
                exclude-result-prefixes="svg">
  <xsl:output method="html" encoding="UTF-8" indent="yes"
              doctype-system="about:legacy-compat"/>

  <!-- the themes in heat-map column order (docs/xml.md, "Themes") -->
  <xsl:variable name="themes" select="'democracy community governance efficiency users quality employer leadership '"/>
  <xsl:variable name="cell-w" select="92"/>
  <xsl:variable name="cell-h" select="26"/>
  <xsl:variable name="label-w" select="230"/>

  <xsl:template match="/index">
    <html lang="sv">
      <head>
        <meta charset="utf-8"/>
        <title>skrapa: archive overview</title>
        <style>
          body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em 2em; color: #222; }
          h1 { font-size: 1.5em; margin-bottom: .2em; }
          h2 { font-size: 1.15em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
          table { border-collapse: collapse; }
          th, td { padding: 3px 8px; border-bottom: 1px solid #e4e4e4; text-align: left; vertical-align: top; }
          th { background: #f3f3f3; }
          td.num { text-align: right; font-variant-numeric: tabular-nums; }
          .ok { color: #1a7f37; } .mismatch { color: #b3261e; font-weight: 600; } .missing { color: #9a6700; font-weight: 600; }
          tr.needs-look { background: #fff8e6; }
          .charts { display: flex; flex-wrap: wrap; gap: 1.2em; }
          figure { margin: 0; } figcaption { font-size: 12px; color: #555; }
          svg text { font: 12px system-ui, sans-serif; }
          .note { color: #555; font-size: 12px; }
        </style>
      </head>
      <body>
        <h1>Archive overview</h1>
        <p id="summary">
          <span id="count-reports"><xsl:value-of select="@reports"/></span> PDFs:
          <span id="count-converted"><xsl:value-of select="@converted"/></span> converted,
          <span id="count-failed"><xsl:value-of select="@failed"/></span> failed;
          <xsl:value-of select="count(report[@checks != 'ok' or @family = 'unknown'])"/> need a look
          (unknown family or failed checks).
          Data: <a href="index.xml">index.xml</a>, <a href="scores.csv">scores.csv</a>,
          <a href="values.csv">values.csv</a>, <a href="reports.jsonl">reports.jsonl</a>,
          <a href="failures.tsv">failures.tsv</a>.
        </p>
        <xsl:call-template name="reports"/>
        <xsl:call-template name="heatmap"/>
        <xsl:call-template name="charts"/>
        <xsl:call-template name="failed"/>
      </body>
    </html>
  </xsl:template>

  <!-- OUT/.src/STEM.pdf, the symlink to the report's PDF -->
  <xsl:template name="pdf">
    <xsl:param name="file"/>
    <xsl:value-of select="concat('.src/', substring($file, 1, string-length($file) - 4), '.pdf')"/>
  </xsl:template>

  <xsl:template name="reports">
    <h2 id="reports">Reports</h2>
    <table id="reports-table">
      <thead>
        <tr><th>family</th><th>revision</th><th>municipality</th><th>code</th><th>year</th>
          <th>title</th><th>total</th><th>checks</th><th>warnings</th><th>files</th></tr>
      </thead>
      <tbody>
        <xsl:for-each select="report">
          <xsl:variable name="pdf"><xsl:call-template name="pdf"><xsl:with-param name="file" select="@file"/></xsl:call-template></xsl:variable>
          <tr class="report" data-family="{@family}" data-checks="{@checks}">
            <xsl:if test="@checks != 'ok' or @family = 'unknown'">
              <xsl:attribute name="class">report needs-look</xsl:attribute>
            </xsl:if>
            <td class="family"><xsl:value-of select="@family"/></td>
            <td><xsl:value-of select="@revision"/></td>
            <td class="municipality"><xsl:value-of select="municipality"/></td>
            <td class="code"><xsl:value-of select="municipality/@code"/></td>
            <td class="num"><xsl:value-of select="year"/></td>
            <td class="title">
              <xsl:choose>
                <xsl:when test="title"><xsl:value-of select="title"/></xsl:when>
                <xsl:when test="@family = 'kommunkompass'">Kommunkompassen</xsl:when>
              </xsl:choose>
            </td>
            <td class="num total">
              <xsl:choose>
                <xsl:when test="total/@stated and total/@stated-page">
                  <a href="{$pdf}#page={total/@stated-page}"><xsl:value-of select="total/@stated"/></a>
                </xsl:when>
                <xsl:otherwise><xsl:value-of select="total/@stated"/></xsl:otherwise>
              </xsl:choose>
              <xsl:if test="total and total/@stated != total/@sum">
                <span class="mismatch" title="sum of the area scores"> (sum <xsl:value-of select="total/@sum"/>)</span>
              </xsl:if>
            </td>
            <td class="checks {@checks}"><xsl:value-of select="@checks"/>
              <xsl:if test="checks/@mismatch + checks/@missing > 0">
                (<xsl:value-of select="checks/@mismatch + checks/@missing"/> of <xsl:value-of select="checks/@ok + checks/@mismatch + checks/@missing"/>)
              </xsl:if>
            </td>
            <td class="num warnings"><xsl:value-of select="@warnings"/></td>
            <td class="files"><a class="xml" href="{@file}">XML</a><xsl:text> </xsl:text><a class="pdf" href="{$pdf}">PDF</a></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- one row per Kommunkompassen report (municipality, year), one column
       per theme; the score's colour runs from red (0) to green (100) -->
  <xsl:template name="heatmap">
    <xsl:variable name="kk" select="report[@family = 'kommunkompass']"/>
    <h2 id="heatmap-title">Area scores by municipality</h2>
    <xsl:choose>
      <xsl:when test="not($kk)"><p class="note">No Kommunkompassen report.</p></xsl:when>
      <xsl:otherwise>
        <p class="note">Columns are the areas' themes across revisions (docs/xml.md); SKR says scores of different revisions are not fully comparable. Colour: red at 30 or less, green at 80 or more. A cell links to the PDF page of the score.</p>
        <svg xmlns="http://www.w3.org/2000/svg" id="heatmap" role="img"
             width="{$label-w + 8 * $cell-w}" height="{(count($kk) + 1) * $cell-h + 4}">
          <xsl:call-template name="heat-head">
            <xsl:with-param name="rest" select="$themes"/>
            <xsl:with-param name="i" select="0"/>
          </xsl:call-template>
          <xsl:for-each select="$kk">
            <xsl:sort select="municipality"/>
            <xsl:sort select="year" data-type="number"/>
            <xsl:variable name="y" select="position() * $cell-h"/>
            <xsl:variable name="pdf"><xsl:call-template name="pdf"><xsl:with-param name="file" select="@file"/></xsl:call-template></xsl:variable>
            <g class="heat-row" data-municipality="{municipality}" data-year="{year}">
              <text x="4" y="{$y + 17}"><xsl:call-template name="label"/></text>
              <xsl:for-each select="area[@theme and @score]">
                <xsl:variable name="col" select="string-length(substring-before($themes, concat(@theme, ' '))) - string-length(translate(substring-before($themes, concat(@theme, ' ')), ' ', ''))"/>
                <xsl:variable name="hue"><xsl:call-template name="hue"><xsl:with-param name="score" select="@score"/></xsl:call-template></xsl:variable>
                <a href="{$pdf}#page={@page}">
                  <rect class="heat-cell" data-theme="{@theme}" data-score="{@score}"
                        x="{$label-w + $col * $cell-w}" y="{$y}" width="{$cell-w - 2}" height="{$cell-h - 2}"
                        fill="hsl({$hue}, 65%, 70%)">
                    <title><xsl:value-of select="concat(../municipality, ' ', ../year, ', area ', @number, ' (', @theme, '): ', @score, ', page ', @page)"/></title>
                  </rect>
                  <text x="{$label-w + $col * $cell-w + $cell-w div 2 - 8}" y="{$y + 17}"><xsl:value-of select="@score"/></text>
                </a>
              </xsl:for-each>
            </g>
          </xsl:for-each>
        </svg>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the hue of a score: red (0) at 30 or less, green (120) at 80 or
       more, where nearly all Kommunkompassen area scores lie -->
  <xsl:template name="hue">
    <xsl:param name="score"/>
    <xsl:choose>
      <xsl:when test="$score &lt;= 30">0</xsl:when>
      <xsl:when test="$score &gt;= 80">120</xsl:when>
      <xsl:otherwise><xsl:value-of select="round(($score - 30) * 2.4)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a report's name in the charts: municipality and year, else its
       source path -->
  <xsl:template name="label">
    <xsl:choose>
      <xsl:when test="municipality"><xsl:value-of select="concat(municipality, ' ', year)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="@source"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="heat-head">
    <xsl:param name="rest"/>
    <xsl:param name="i"/>
    <xsl:if test="string-length($rest) > 0">
      <text xmlns="http://www.w3.org/2000/svg" class="heat-head" x="{$label-w + $i * $cell-w + 2}" y="17"><xsl:value-of select="substring-before($rest, ' ')"/></text>
      <xsl:call-template name="heat-head">
        <xsl:with-param name="rest" select="substring-after($rest, ' ')"/>
        <xsl:with-param name="i" select="$i + 1"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- one bar chart per Kommunkompassen report: a bar per area, 0-100 -->
  <xsl:template name="charts">
    <h2 id="charts-title">Scores per report</h2>
    <div class="charts">
      <xsl:for-each select="report[@family = 'kommunkompass']">
        <xsl:variable name="pdf"><xsl:call-template name="pdf"><xsl:with-param name="file" select="@file"/></xsl:call-template></xsl:variable>
        <figure>
          <svg xmlns="http://www.w3.org/2000/svg" class="bars" data-source="{@source}" role="img"
               width="{count(area) * 34 + 40}" height="150">
            <line x1="30" y1="120" x2="{count(area) * 34 + 34}" y2="120" stroke="#888"/>
            <text x="2" y="24">100</text>
            <text x="14" y="124">0</text>
            <xsl:for-each select="area">
              <xsl:variable name="h" select="number(concat('0', @score))"/>
              <xsl:variable name="hue"><xsl:call-template name="hue"><xsl:with-param name="score" select="$h"/></xsl:call-template></xsl:variable>
              <a href="{$pdf}#page={@page}">
                <rect class="bar" data-area="{@number}" data-score="{@score}"
                      x="{34 + (position() - 1) * 34}" y="{120 - $h}" width="26" height="{$h}"
                      fill="hsl({$hue}, 55%, 55%)">
                  <title><xsl:value-of select="concat('area ', @number, ' (', @theme, '): ', @score, ', page ', @page)"/></title>
                </rect>
                <text x="{36 + (position() - 1) * 34}" y="{116 - $h}"><xsl:value-of select="@score"/></text>
              </a>
              <text x="{43 + (position() - 1) * 34}" y="136"><xsl:value-of select="@number"/></text>
            </xsl:for-each>
          </svg>
          <figcaption><xsl:call-template name="label"/> (revision <xsl:value-of select="@revision"/>)</figcaption>
        </figure>
      </xsl:for-each>
    </div>
  </xsl:template>

  <xsl:template name="failed">
    <h2 id="failed-title">Files that failed</h2>
    <xsl:choose>
      <xsl:when test="not(failed)"><p class="note" id="no-failures">None.</p></xsl:when>
      <xsl:otherwise>
        <table id="failed-table">
          <thead><tr><th>source</th><th>stage</th><th>exit</th><th>why</th></tr></thead>
          <tbody>
            <xsl:for-each select="failed">
              <tr class="failed">
                <td><xsl:value-of select="@source"/></td>
                <td><xsl:value-of select="@stage"/></td>
                <td class="num"><xsl:value-of select="@exit"/></td>
                <td><xsl:value-of select="@message"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
